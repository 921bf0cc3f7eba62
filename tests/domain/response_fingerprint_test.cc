// response_fingerprint_test.cc — the canonical text behind idempotency replays.
//
// Stored responses keep the SHA-256 of this text (payload_sha256), and a retry is a
// replay only when its text hashes the same: the text must not change between releases.
#include <gtest/gtest.h>

#include "domain/response.h"

namespace npsd::domain {
namespace {

TEST(ResponseFingerprintTest, EveryFieldIsLengthPrefixedInAFixedOrder) {
  ResponseInput input;
  input.campaign_id = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
  input.score = 9;
  input.answered_at = absl::FromUnixMicros(1700000000123456);
  input.channel = Channel::kVoicePostCall;
  input.scope = {"EMEA", "", "retail"};
  input.comment = "très bien; a=b";
  input.locale = "fr-FR";
  input.subject.email = "ana@example.com";
  input.contact_center = {"call-1", "agent-7", "", "billing", 42, 310, "SOLVED"};
  input.attributes = {{"tier", "gold"}, {"plan", "x=1;"}};
  EXPECT_EQ(ResponseFingerprint(input),
            "v1;campaign=36:0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b;score=1:9;answered_at=16:1700000000123456;"
            "channel=15:VOICE_POST_CALL;region=4:EMEA;brand=0:;bu=6:retail;comment=15:très bien; a=b;locale=5:fr-FR;"
            "external_id=0:;email=15:ana@example.com;phone=0:;interaction=6:call-1;agent=7:agent-7;team=0:;"
            "queue=7:billing;wait=2:42;handle=3:310;wrap_up=6:SOLVED;attr.plan=4:x=1;;attr.tier=4:gold;");
}

TEST(ResponseFingerprintTest, AnAbsentAnswerTimeDiffersFromAnyGivenOne) {
  ResponseInput input;
  input.campaign_id = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
  input.score = 0;
  const std::string without = ResponseFingerprint(input);
  input.answered_at = absl::UnixEpoch();
  EXPECT_NE(ResponseFingerprint(input), without);
  EXPECT_NE(without.find("answered_at=0:;"), std::string::npos);
  EXPECT_NE(without.find("channel=0:;"), std::string::npos);
}

}  // namespace
}  // namespace npsd::domain
