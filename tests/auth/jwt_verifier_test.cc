// jwt_verifier_test.cc — JWT verification against keys generated at test time, the
// RFC 7515 appendix examples, and the RFC 8725 attacks (none, HS256/RS256 confusion,
// embedded keys, crit, tampering).
#include "auth/jwt_verifier.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "crypto/digest.h"
#include "tests/support/jwt_test_keys.h"

namespace npsd::auth {
namespace {

using ::npsd::testing::CompactToken;
using ::npsd::testing::JwksDocument;
using ::npsd::testing::TestSigningKey;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr int64_t kNow = 1800000000;
constexpr char kIssuer[] = "https://idp.example.com/";
constexpr char kAudience[] = "npsd-api";
constexpr char kTenant[] = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

// RFC 7515 Appendix A.2 (RS256) and A.3 (ES256): the examples and their public keys.
constexpr char kRfcRs256Token[] =
    "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ."
    "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZ"
    "cAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-e"
    "OkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw";
constexpr char kRfcRsaJwks[] =
    R"({"keys":[{"kty":"RSA","e":"AQAB","n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJ)"
    R"(PMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-)"
    R"(KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs9)"
    R"(1kzk2PAcDTW9gb54h4FRWyuXpoQ"}]})";
constexpr char kRfcEs256Token[] =
    "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ."
    "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";
constexpr char kRfcEcJwks[] =
    R"({"keys":[{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",)"
    R"("y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]})";
constexpr char kRfcPayload[] = "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}";

// Claims returns a valid claim set, with `extra` members appended and `exp` unless
// `with_exp` is false.
std::string Claims(const std::string& extra = "", int64_t exp = kNow + 300) {
  return absl::StrCat(R"({"iss":")", kIssuer, R"(","aud":")", kAudience, R"(","sub":"user-42","npsd_tenant":")",
                      kTenant, R"(","scope":"read admin unknown-scope","iat":)", kNow - 120, R"(,"exp":)", exp, extra,
                      "}");
}

// Segment returns segment `index` (0..2) of a compact token, decoded.
std::string Segment(const std::string& token, int index) {
  std::vector<std::string> parts = absl::StrSplit(token, '.');
  return *crypto::Base64UrlDecode(parts[index]);
}

// ReplaceSegment swaps segment `index` (0..2) of a compact token for `replacement`.
std::string ReplaceSegment(const std::string& token, int index, const std::string& replacement) {
  std::vector<std::string> parts = absl::StrSplit(token, '.');
  parts[index] = replacement;
  return absl::StrJoin(parts, ".");
}

absl::StatusOr<Jwks> ParseJwks(const std::string& json) { return Jwks::Parse(json); }

class JwtVerifierTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    rsa_ = new TestSigningKey(TestSigningKey::GenerateRs256("rsa-1"));
    ec_ = new TestSigningKey(TestSigningKey::GenerateEs256("ec-1"));
    other_ec_ = new TestSigningKey(TestSigningKey::GenerateEs256("ec-1"));
  }
  static void TearDownTestSuite() {
    delete rsa_;
    delete ec_;
    delete other_ec_;
  }

  JwtVerifier Verifier(const std::string& tenant_claim = kDefaultTenantClaim) const {
    absl::StatusOr<Jwks> keys = ParseJwks(JwksDocument({rsa_->PublicJwk(), ec_->PublicJwk()}));
    EXPECT_TRUE(keys.ok()) << keys.status();
    return JwtVerifier({JwtIssuer{kIssuer, kAudience, tenant_claim, *keys}}, kDefaultJwtLeeway,
                       [] { return absl::FromUnixSeconds(kNow); });
  }

  // ExpectRejected checks that `token` is refused, for the reason `why` when given,
  // without its text in the message.
  void ExpectRejected(const std::string& token, const std::string& why = "") const {
    absl::StatusOr<JwtIdentity> identity = Verifier().Verify(token);
    ASSERT_FALSE(identity.ok());
    EXPECT_EQ(identity.status().code(), absl::StatusCode::kUnauthenticated) << identity.status();
    EXPECT_THAT(std::string(identity.status().message()), HasSubstr(why));
    for (absl::string_view part : absl::StrSplit(token, '.')) {
      if (part.size() >= 8) EXPECT_THAT(std::string(identity.status().message()), Not(HasSubstr(std::string(part))));
    }
  }

  static TestSigningKey* rsa_;
  static TestSigningKey* ec_;
  static TestSigningKey* other_ec_;  // same kid as ec_, not in the JWKS
};

TestSigningKey* JwtVerifierTest::rsa_ = nullptr;
TestSigningKey* JwtVerifierTest::ec_ = nullptr;
TestSigningKey* JwtVerifierTest::other_ec_ = nullptr;

TEST_F(JwtVerifierTest, AcceptsRs256AndMapsClaims) {
  absl::StatusOr<JwtIdentity> identity = Verifier().Verify(rsa_->Mint(Claims()));
  ASSERT_TRUE(identity.ok()) << identity.status();
  EXPECT_EQ(identity->issuer, kIssuer);
  EXPECT_EQ(identity->subject, "user-42");
  EXPECT_EQ(identity->tenant_id, kTenant);
  EXPECT_EQ(identity->scopes, (domain::ScopeSet{domain::Scope::kRead, domain::Scope::kAdmin}));
  EXPECT_EQ(identity->expires, absl::FromUnixSeconds(kNow + 300));
}

TEST_F(JwtVerifierTest, AcceptsEs256) {
  absl::StatusOr<JwtIdentity> identity = Verifier().Verify(ec_->Mint(Claims()));
  ASSERT_TRUE(identity.ok()) << identity.status();
  EXPECT_EQ(identity->tenant_id, kTenant);
}

TEST_F(JwtVerifierTest, AcceptsUpperCaseTenantAndAudienceArray) {
  std::string claims = absl::StrReplaceAll(Claims(), {{kTenant, "0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D"},
                                                      {R"("aud":"npsd-api")", R"("aud":["other","npsd-api"])"}});
  absl::StatusOr<JwtIdentity> identity = Verifier().Verify(ec_->Mint(claims));
  ASSERT_TRUE(identity.ok()) << identity.status();
  EXPECT_EQ(identity->tenant_id, kTenant);
}

TEST_F(JwtVerifierTest, ExpiryAllowsOnlyTheLeeway) {
  EXPECT_TRUE(Verifier().Verify(ec_->Mint(Claims("", kNow - 30))).ok());
  ExpectRejected(ec_->Mint(Claims("", kNow - 61)), "expired");
}

TEST_F(JwtVerifierTest, RejectsMissingOrMalformedExpiry) {
  ExpectRejected(ec_->Mint(absl::StrReplaceAll(Claims(), {{R"(,"exp":)", R"(,"x":)"}})));
  ExpectRejected(ec_->Mint(absl::StrReplaceAll(Claims(), {{absl::StrCat(R"("exp":)", kNow + 300), R"("exp":"soon")"}})));
}

TEST_F(JwtVerifierTest, RejectsNotYetValid) {
  EXPECT_TRUE(Verifier().Verify(ec_->Mint(Claims(absl::StrCat(R"(,"nbf":)", kNow + 30)))).ok());
  ExpectRejected(ec_->Mint(Claims(absl::StrCat(R"(,"nbf":)", kNow + 120))), "not valid yet");
}

TEST_F(JwtVerifierTest, RejectsIssuedInTheFuture) {
  ExpectRejected(ec_->Mint(absl::StrReplaceAll(Claims(), {{absl::StrCat(R"("iat":)", kNow - 120), absl::StrCat(R"("iat":)", kNow + 120)}})), "future");
}

TEST_F(JwtVerifierTest, RejectsWrongIssuerAndAudience) {
  ExpectRejected(ec_->Mint(absl::StrReplaceAll(Claims(), {{kIssuer, "https://evil.example.com/"}})), "issuer");
  ExpectRejected(ec_->Mint(absl::StrReplaceAll(Claims(), {{R"("aud":"npsd-api")", R"("aud":"other-api")"}})), "not meant");
  ExpectRejected(ec_->Mint(absl::StrReplaceAll(Claims(), {{R"("aud":"npsd-api")", R"("aud":["other-api"])"}})));
}

TEST_F(JwtVerifierTest, RejectsMissingSubjectOrTenant) {
  ExpectRejected(ec_->Mint(absl::StrReplaceAll(Claims(), {{R"("sub":"user-42",)", ""}})));
  ExpectRejected(ec_->Mint(absl::StrReplaceAll(Claims(), {{kTenant, "not-a-uuid"}})));
  ExpectRejected(ec_->Mint(absl::StrReplaceAll(Claims(), {{"npsd_tenant", "tenant"}})));
}

TEST_F(JwtVerifierTest, ReadsTheConfiguredTenantClaim) {
  const std::string claims = absl::StrReplaceAll(Claims(), {{"npsd_tenant", "https://npsd/tenant"}});
  EXPECT_TRUE(Verifier("https://npsd/tenant").Verify(ec_->Mint(claims)).ok());
  EXPECT_FALSE(Verifier().Verify(ec_->Mint(claims)).ok());
}

TEST_F(JwtVerifierTest, RejectsDuplicateClaims) {
  ExpectRejected(ec_->Mint(Claims(R"(,"iss":"https://evil.example.com/")")), "malformed claims");
}

TEST_F(JwtVerifierTest, RejectsUnknownKidAndForeignKey) {
  ExpectRejected(ec_->MintWithHeader(R"({"alg":"ES256","kid":"ec-2"})", Claims()), "key is not known");
  ExpectRejected(other_ec_->Mint(Claims()), "bad signature");  // right kid, wrong key
  // Without a kid, a set of two keys cannot choose.
  ExpectRejected(ec_->MintWithHeader(R"({"alg":"ES256"})", Claims()));
}

TEST_F(JwtVerifierTest, RejectsAlgNone) {
  const std::string header = R"({"alg":"none","kid":"ec-1"})";
  ExpectRejected(CompactToken(header, Claims(), ""));
  ExpectRejected(CompactToken(header, Claims(), "x"), "algorithm does not match");
  ExpectRejected(CompactToken(R"({"alg":"none"})", Claims(), "x"));
}

TEST_F(JwtVerifierTest, RejectsHs256SignedWithThePublicKey) {
  const std::string header = R"({"alg":"HS256","kid":"rsa-1"})";
  const std::string input = crypto::Base64UrlEncode(header) + "." + crypto::Base64UrlEncode(Claims());
  for (const std::string& secret : {rsa_->PublicKeyPem(), rsa_->PublicJwk()}) {
    ExpectRejected(input + "." + crypto::Base64UrlEncode(crypto::HmacSha256(secret, input)), "algorithm does not match");
  }
}

TEST_F(JwtVerifierTest, TheKeyDecidesTheAlgorithm) {
  // A valid ES256 signature presented as RS256 for the EC key, and the reverse.
  ExpectRejected(ec_->MintWithHeader(R"({"alg":"RS256","kid":"ec-1"})", Claims()), "algorithm does not match");
  ExpectRejected(rsa_->MintWithHeader(R"({"alg":"ES256","kid":"rsa-1"})", Claims()));
  ExpectRejected(rsa_->MintWithHeader(R"({"alg":"RS512","kid":"rsa-1"})", Claims()));
  ExpectRejected(rsa_->MintWithHeader(R"({"alg":"PS256","kid":"rsa-1"})", Claims()));
}

TEST_F(JwtVerifierTest, RejectsCritAndEmbeddedKeyReferences) {
  for (const char* member : {R"("crit":["exp"])", R"("crit":[])", R"("jku":"https://evil.example.com/jwks")",
                             R"("x5u":"https://evil.example.com/cert")", R"("x5c":["MIIB"])"}) {
    ExpectRejected(ec_->MintWithHeader(absl::StrCat(R"({"alg":"ES256","kid":"ec-1",)", member, "}"), Claims()),
                   "refused parameter");
  }
  const std::string embedded = absl::StrCat(R"({"alg":"ES256","kid":"ec-1","jwk":)", other_ec_->PublicJwk(), "}");
  ExpectRejected(other_ec_->MintWithHeader(embedded, Claims()), "refused parameter");
}

TEST_F(JwtVerifierTest, RejectsTampering) {
  const std::string token = rsa_->Mint(Claims());
  const std::string elevated = absl::StrReplaceAll(Claims(), {{"user-42", "user-43"}});
  ExpectRejected(ReplaceSegment(token, 1, crypto::Base64UrlEncode(elevated)), "bad signature");
  std::string signature = Segment(token, 2);
  signature[10] ^= 0x01;
  ExpectRejected(ReplaceSegment(token, 2, crypto::Base64UrlEncode(signature)), "bad signature");
  ExpectRejected(ReplaceSegment(token, 2, crypto::Base64UrlEncode(signature.substr(1))));
  const std::string es = ec_->Mint(Claims());
  std::string raw = Segment(es, 2);
  raw[40] ^= 0x80;
  ExpectRejected(ReplaceSegment(es, 2, crypto::Base64UrlEncode(raw)), "bad signature");
}

TEST_F(JwtVerifierTest, RejectsMalformedBase64UrlAndStructure) {
  const std::string token = ec_->Mint(Claims());
  std::vector<std::string> parts = absl::StrSplit(token, '.');
  ExpectRejected(ReplaceSegment(token, 0, parts[0] + "="), "encoding");  // padding
  ExpectRejected(ReplaceSegment(token, 1, "+" + parts[1].substr(1)), "encoding");  // standard alphabet
  ExpectRejected(ReplaceSegment(token, 2, parts[2] + " "));
  ExpectRejected(ReplaceSegment(token, 1, parts[1] + "A"));            // impossible length
  ExpectRejected(token + ".");
  ExpectRejected(parts[0] + "." + parts[1]);
  ExpectRejected(ReplaceSegment(token, 0, crypto::Base64UrlEncode("[\"alg\"]")));
  ExpectRejected(ReplaceSegment(token, 1, crypto::Base64UrlEncode("not json")));
}

TEST_F(JwtVerifierTest, RejectsOversizedAndDeeplyNestedTokens) {
  const std::string filler = absl::StrCat(R"(,"filler":")", std::string(kMaxJwtBytes, 'a'), R"(")");
  ExpectRejected(ec_->Mint(Claims(filler)), "too large");
  std::string nested = "1";
  for (int i = 0; i < 9; ++i) nested = "[" + nested + "]";
  ExpectRejected(ec_->Mint(Claims(R"(,"deep":)" + nested)));
  ExpectRejected(ec_->MintWithHeader(R"({"alg":"ES256","kid":"ec-1","x":)" + nested + "}", Claims()));
}

TEST(JwsExamplesTest, Rfc7515AppendixExamplesVerify) {
  for (const auto& [token, jwks] : {std::pair{kRfcRs256Token, kRfcRsaJwks}, std::pair{kRfcEs256Token, kRfcEcJwks}}) {
    absl::StatusOr<Jwks> keys = Jwks::Parse(jwks);
    ASSERT_TRUE(keys.ok()) << keys.status();
    absl::StatusOr<CompactJws> jws = ParseCompactJws(token);
    ASSERT_TRUE(jws.ok()) << jws.status();
    EXPECT_EQ(jws->payload, kRfcPayload);
    EXPECT_TRUE(VerifyJwsSignature(*jws, *keys).ok()) << token;
  }
}

TEST(JwsExamplesTest, Rfc7515ExamplesFailWithTheOtherKeyOrAChangedByte) {
  absl::StatusOr<Jwks> rsa = Jwks::Parse(kRfcRsaJwks);
  absl::StatusOr<Jwks> ec = Jwks::Parse(kRfcEcJwks);
  ASSERT_TRUE(rsa.ok() && ec.ok());
  EXPECT_FALSE(VerifyJwsSignature(*ParseCompactJws(kRfcRs256Token), *ec).ok());
  EXPECT_FALSE(VerifyJwsSignature(*ParseCompactJws(kRfcEs256Token), *rsa).ok());
  std::string changed = kRfcEs256Token;
  changed[30] = changed[30] == 'A' ? 'B' : 'A';
  absl::StatusOr<CompactJws> jws = ParseCompactJws(changed);
  EXPECT_TRUE(!jws.ok() || !VerifyJwsSignature(*jws, *ec).ok());
}

TEST(JwsExamplesTest, Rfc7515ExampleClaimsAreRefused) {
  // Signed correctly, but expired and without an audience or tenant.
  absl::StatusOr<Jwks> keys = Jwks::Parse(kRfcEcJwks);
  ASSERT_TRUE(keys.ok());
  JwtVerifier verifier({JwtIssuer{"joe", kAudience, kDefaultTenantClaim, *keys}}, kDefaultJwtLeeway,
                       [] { return absl::FromUnixSeconds(1300819300); });
  EXPECT_EQ(verifier.Verify(kRfcEs256Token).status().code(), absl::StatusCode::kUnauthenticated);
}

TEST(JwksTest, RejectsPrivateSymmetricWeakAndAmbiguousKeys) {
  const std::string ec = R"("kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",)"
                         R"("y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0")";
  EXPECT_TRUE(Jwks::Parse(absl::StrCat(R"({"keys":[{)", ec, "}]}")).ok());
  EXPECT_FALSE(Jwks::Parse(absl::StrCat(R"({"keys":[{)", ec, R"(,"d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"}]})")).ok());
  EXPECT_FALSE(Jwks::Parse(R"({"keys":[{"kty":"oct","k":"c2VjcmV0"}]})").ok());
  EXPECT_FALSE(Jwks::Parse(absl::StrCat(R"({"keys":[{"kty":"RSA","e":"AQAB","n":")",
                                        crypto::Base64UrlEncode(std::string(128, '\xc5')), R"("}]})")).ok());
  EXPECT_FALSE(Jwks::Parse(absl::StrCat(R"({"keys":[{)", ec, R"(,"kid":"a"},{)", ec, R"(,"kid":"a"}]})")).ok());
  EXPECT_FALSE(Jwks::Parse(absl::StrCat(R"({"keys":[{)", ec, R"(},{)", ec, R"(,"kid":"a"}]})")).ok());
  EXPECT_FALSE(Jwks::Parse(absl::StrCat(R"({"keys":[{)", ec, R"(,"use":"enc"}]})")).ok());  // nothing usable
  EXPECT_FALSE(Jwks::Parse(R"({"keys":[]})").ok());
  EXPECT_FALSE(Jwks::Parse("not json").ok());
}

TEST(JwksTest, RejectsAPointOffTheCurve) {
  EXPECT_FALSE(Jwks::Parse(R"({"keys":[{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",)"
                           R"("y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a1"}]})")
                   .ok());
}

TEST(JwksTest, SkipsKeysForOtherPurposes) {
  absl::StatusOr<Jwks> keys = Jwks::Parse(absl::StrCat(
      R"({"keys":[{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"ed"},)",
      R"({"kty":"EC","crv":"P-256","alg":"ES384","kid":"other","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",)",
      R"("y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"},)",
      R"({"kty":"EC","crv":"P-256","kid":"ec","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",)",
      R"("y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]})"));
  ASSERT_TRUE(keys.ok()) << keys.status();
  ASSERT_EQ(keys->keys().size(), 1u);
  EXPECT_EQ(keys->keys()[0].kid(), "ec");
  EXPECT_EQ(keys->keys()[0].algorithm(), JwsAlgorithm::kEs256);
}

TEST(LooksLikeJwtTest, ExactlyTwoDots) {
  EXPECT_TRUE(LooksLikeJwt("a.b.c"));
  EXPECT_FALSE(LooksLikeJwt("a.b"));
  EXPECT_FALSE(LooksLikeJwt("a.b.c.d.e"));
  EXPECT_FALSE(LooksLikeJwt("npsk_0123"));
}

class LoadJwtVerifierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = std::filesystem::temp_directory_path() /
              ("npsd-jwt-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(folder_);
    std::ofstream(folder_ / "jwks.json") << kRfcEcJwks;
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }

  std::string WriteConfig(const std::string& json) {
    const std::filesystem::path path = folder_ / "issuers.json";
    std::ofstream(path) << json;
    return path.string();
  }

  std::filesystem::path folder_;
};

TEST_F(LoadJwtVerifierTest, LoadsIssuersWithRelativeJwksPaths) {
  const std::string path = WriteConfig(
      R"([{"issuer":"joe","audience":"npsd-api","jwks_file":"jwks.json","tenant_claim":"tid"}])");
  absl::StatusOr<std::unique_ptr<JwtVerifier>> verifier =
      LoadJwtVerifier(path, kDefaultJwtLeeway, [] { return absl::FromUnixSeconds(1300819300); });
  ASSERT_TRUE(verifier.ok()) << verifier.status();
  // The example verifies against the loaded key and then fails on its claims.
  EXPECT_THAT(std::string((*verifier)->Verify(kRfcEs256Token).status().message()), HasSubstr("not meant"));
}

TEST_F(LoadJwtVerifierTest, RejectsBadConfigurations) {
  for (const char* config : {
           R"([])",
           R"({"issuer":"joe"})",
           R"([{"issuer":"joe","audience":"a","jwks_file":"jwks.json","extra":1}])",
           R"([{"issuer":"joe","audience":"","jwks_file":"jwks.json"}])",
           R"([{"issuer":"joe","audience":"a","jwks_file":"missing.json"}])",
           R"([{"issuer":"joe","audience":"a","jwks_file":"jwks.json"},{"issuer":"joe","audience":"b","jwks_file":"jwks.json"}])",
       }) {
    EXPECT_FALSE(LoadJwtVerifier(WriteConfig(config), kDefaultJwtLeeway).ok()) << config;
  }
  EXPECT_FALSE(LoadJwtVerifier((folder_ / "absent.json").string(), kDefaultJwtLeeway).ok());
}

}  // namespace
}  // namespace npsd::auth
