// data_subject_request_test.cc — request validation, lifecycle and deadlines.
#include "domain/data_subject_request.h"

#include <gtest/gtest.h>

#include "domain/field_violation.h"

namespace npsd::domain {
namespace {

using S = DataSubjectRequestStatus;
using T = DataSubjectRequestType;

std::vector<std::string> ViolatedFields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const auto& violation : FieldViolationsOf(status)) fields.push_back(violation.field);
  return fields;
}

DataSubjectRequestInput Erasure() {
  DataSubjectRequestInput input;
  input.type = T::kErasure;
  input.identifiers.email = " Ana.Silva@Example.com ";
  input.reason = "ticket 4711";
  return input;
}

TEST(DataSubjectRequestTest, NamesRoundTrip) {
  for (T type : {T::kAccess, T::kRectification, T::kErasure, T::kRestriction}) {
    EXPECT_EQ(ParseDataSubjectRequestType(DataSubjectRequestTypeName(type)), type);
  }
  for (S status : {S::kReceived, S::kRunning, S::kCompleted, S::kPartiallyCompleted, S::kFailed, S::kRejected}) {
    EXPECT_EQ(ParseDataSubjectRequestStatus(DataSubjectRequestStatusName(status)), status);
  }
  EXPECT_EQ(ParseDataSubjectRequestType("DELETE"), std::nullopt);
  EXPECT_EQ(ParseDataSubjectRequestStatus("DONE"), std::nullopt);
}

TEST(DataSubjectRequestTest, LifecycleMovesForwardOnlyAndTerminalStatusesAreFinal) {
  EXPECT_TRUE(CheckStatusTransition(S::kReceived, S::kRunning).ok());
  EXPECT_TRUE(CheckStatusTransition(S::kReceived, S::kFailed).ok());
  for (S end : {S::kCompleted, S::kPartiallyCompleted, S::kFailed, S::kRejected}) {
    EXPECT_TRUE(IsTerminal(end));
    EXPECT_TRUE(CheckStatusTransition(S::kRunning, end).ok());
    EXPECT_EQ(CheckStatusTransition(end, S::kRunning).code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_EQ(CheckStatusTransition(S::kReceived, end).ok(), end == S::kFailed);
  }
  EXPECT_FALSE(IsTerminal(S::kReceived));
  EXPECT_FALSE(IsTerminal(S::kRunning));
  EXPECT_EQ(CheckStatusTransition(S::kRunning, S::kReceived).code(), absl::StatusCode::kFailedPrecondition);
}

TEST(DataSubjectRequestTest, DueThirtyDaysAfterReceiptAndOverdueOnlyWhileOpen) {
  const absl::Time received = absl::FromUnixSeconds(1700000000);
  DataSubjectRequest request;
  request.receive_time = received;
  request.due_time = DueTime(received);
  EXPECT_EQ(request.due_time - received, absl::Hours(24 * 30));
  request.status = S::kRunning;
  EXPECT_FALSE(request.IsOverdue(request.due_time));
  EXPECT_TRUE(request.IsOverdue(request.due_time + absl::Seconds(1)));
  request.status = S::kCompleted;
  EXPECT_FALSE(request.IsOverdue(request.due_time + absl::Hours(24 * 365)));
}

TEST(DataSubjectRequestTest, ValidRequestIsNormalized) {
  absl::StatusOr<ValidDataSubjectRequest> valid = ValidateDataSubjectRequest(Erasure());
  ASSERT_TRUE(valid.ok()) << valid.status();
  EXPECT_EQ(valid->type, T::kErasure);
  ASSERT_EQ(valid->identifiers.size(), 1u);
  EXPECT_EQ(valid->identifiers[0], (NormalizedIdentifier{IdentifierKind::kEmail, "ana.silva@example.com"}));
  EXPECT_TRUE(valid->rectified.empty());
  EXPECT_EQ(valid->reason, "ticket 4711");
}

TEST(DataSubjectRequestTest, EveryViolationNamesItsFieldAndNeverEchoesTheValue) {
  DataSubjectRequestInput input;
  input.identifiers.phone = "call me maybe";
  input.rectified_identifiers.external_id = "c-1";
  input.lift_restriction = true;
  input.reason = std::string(kMaxReasonChars + 1, 'x');
  const absl::Status status = ValidateDataSubjectRequest(input).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ViolatedFields(status), (std::vector<std::string>{"type", "identifiers.phone", "rectified_identifiers",
                                                               "lift_restriction", "reason"}));
  EXPECT_EQ(std::string(status.message()).find("maybe"), std::string::npos);
}

TEST(DataSubjectRequestTest, IdentifiersAreRequired) {
  DataSubjectRequestInput input = Erasure();
  input.identifiers = {};
  EXPECT_EQ(ViolatedFields(ValidateDataSubjectRequest(input).status()), std::vector<std::string>{"identifiers"});
}

TEST(DataSubjectRequestTest, RectificationNeedsValidNewValues) {
  DataSubjectRequestInput input = Erasure();
  input.type = T::kRectification;
  EXPECT_EQ(ViolatedFields(ValidateDataSubjectRequest(input).status()),
            std::vector<std::string>{"rectified_identifiers"});
  input.rectified_identifiers.email = "not-an-address";
  EXPECT_EQ(ViolatedFields(ValidateDataSubjectRequest(input).status()),
            std::vector<std::string>{"rectified_identifiers.email"});
  input.rectified_identifiers.email = "ANA@example.org";
  absl::StatusOr<ValidDataSubjectRequest> valid = ValidateDataSubjectRequest(input);
  ASSERT_TRUE(valid.ok()) << valid.status();
  EXPECT_EQ(valid->rectified, (std::vector<NormalizedIdentifier>{{IdentifierKind::kEmail, "ana@example.org"}}));
}

TEST(DataSubjectRequestTest, LiftIsOnlyForRestriction) {
  DataSubjectRequestInput input = Erasure();
  input.type = T::kRestriction;
  input.lift_restriction = true;
  absl::StatusOr<ValidDataSubjectRequest> valid = ValidateDataSubjectRequest(input);
  ASSERT_TRUE(valid.ok()) << valid.status();
  EXPECT_TRUE(valid->lift_restriction);
}

TEST(DataSubjectRequestTest, RectificationOutcomeReflectsRefusals) {
  EXPECT_EQ(RectificationOutcome(2, 0), S::kCompleted);
  EXPECT_EQ(RectificationOutcome(0, 0), S::kCompleted);
  EXPECT_EQ(RectificationOutcome(1, 1), S::kPartiallyCompleted);
  EXPECT_EQ(RectificationOutcome(0, 2), S::kRejected);
}

}  // namespace
}  // namespace npsd::domain
