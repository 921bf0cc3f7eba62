// jwt_verifier.cc — compact JWS parsing, header rules, signature and claim checks.
#include "auth/jwt_verifier.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "crypto/digest.h"
#include "domain/status_macros.h"
#include "domain/uuid.h"

namespace npsd::auth {
namespace {

constexpr JsonLimits kTokenJsonLimits{kMaxJwtBytes, 8};
constexpr JsonLimits kConfigJsonLimits{1024 * 1024, 4};
constexpr double kLatestNumericDate = 253402300799;  // 9999-12-31T23:59:59Z

// Header members that would let a token bring its own key or demand extensions.
constexpr const char* kRefusedHeaderMembers[] = {"crit", "jku", "x5u", "jwk", "x5c"};

// Members an issuer entry of the configuration file may have.
constexpr const char* kIssuerMembers[] = {"issuer", "audience", "jwks_file", "tenant_claim"};

absl::Status Rejected(absl::string_view why) {
  return absl::UnauthenticatedError(absl::StrCat("the bearer token is not valid: ", why));
}

// DecodeSegment decodes one unpadded base64url segment (RFC 7515 §2).
absl::StatusOr<std::string> DecodeSegment(absl::string_view segment) {
  if (segment.find('=') != absl::string_view::npos) return Rejected("malformed encoding");
  absl::StatusOr<std::string> bytes = crypto::Base64UrlDecode(std::string(segment));
  if (!bytes.ok()) return Rejected("malformed encoding");
  return bytes;
}

// ParseJsonObject parses token JSON that must be an object.
absl::StatusOr<JsonValue> ParseJsonObject(absl::string_view text, absl::string_view what) {
  absl::StatusOr<JsonValue> value = ParseJson(text, kTokenJsonLimits);
  if (!value.ok() || !value->is_object()) return Rejected(absl::StrCat("malformed ", what));
  return value;
}

// OptionalKid returns the header's `kid`: nullopt when absent, an error when it is not a
// non-empty string.
absl::StatusOr<std::optional<std::string>> OptionalKid(const JsonValue& header) {
  const JsonValue* kid = header.Find("kid");
  if (kid == nullptr) return std::optional<std::string>();
  if (!kid->is_string() || kid->string_value().empty()) return Rejected("malformed header");
  return std::optional<std::string>(kid->string_value());
}

// StringClaim returns the string claim `name`, or nullopt when absent or not a string.
std::optional<std::string> StringClaim(const JsonValue& claims, absl::string_view name) {
  const JsonValue* value = claims.Find(name);
  if (value == nullptr || !value->is_string()) return std::nullopt;
  return value->string_value();
}

absl::Status CheckAudience(const JsonValue& claims, const std::string& audience) {
  const JsonValue* aud = claims.Find("aud");
  if (aud != nullptr && aud->is_string() && aud->string_value() == audience) return absl::OkStatus();
  if (aud != nullptr && aud->is_array()) {
    for (const JsonValue& entry : aud->elements()) {
      if (entry.is_string() && entry.string_value() == audience) return absl::OkStatus();
    }
  }
  return Rejected("it is not meant for this service");
}

// NumericDate reads the time claim `name` (RFC 7519 §2): nullopt when absent, an error
// when it is not a number of seconds between 1970 and 9999.
absl::StatusOr<std::optional<absl::Time>> NumericDate(const JsonValue& claims, absl::string_view name) {
  const JsonValue* value = claims.Find(name);
  if (value == nullptr) return std::optional<absl::Time>();
  if (!value->is_number() || value->number_value() < 0 || value->number_value() > kLatestNumericDate) {
    return Rejected(absl::StrCat("malformed `", name, "`"));
  }
  return std::optional<absl::Time>(absl::FromUnixSeconds(static_cast<int64_t>(std::floor(value->number_value()))));
}

// CheckTimes applies `exp`, `nbf` and `iat` at `now` with `leeway` and returns `exp`.
absl::StatusOr<absl::Time> CheckTimes(const JsonValue& claims, absl::Time now, absl::Duration leeway) {
  NPSD_ASSIGN_OR_RETURN(std::optional<absl::Time> expires, NumericDate(claims, "exp"));
  NPSD_ASSIGN_OR_RETURN(std::optional<absl::Time> not_before, NumericDate(claims, "nbf"));
  NPSD_ASSIGN_OR_RETURN(std::optional<absl::Time> issued, NumericDate(claims, "iat"));
  if (!expires.has_value()) return Rejected("it has no expiry");
  if (now >= *expires + leeway) return Rejected("it has expired");
  if (not_before.has_value() && now + leeway < *not_before) return Rejected("it is not valid yet");
  if (issued.has_value() && (*issued > now + leeway || *issued > *expires)) {
    return Rejected("it is issued in the future");
  }
  return *expires;
}

// ScopesOf maps the space-separated `scope` claim to npsd scopes, ignoring unknown ones.
absl::StatusOr<domain::ScopeSet> ScopesOf(const JsonValue& claims) {
  domain::ScopeSet scopes;
  const JsonValue* scope = claims.Find("scope");
  if (scope == nullptr) return scopes;
  if (!scope->is_string()) return Rejected("malformed `scope`");
  for (absl::string_view name : absl::StrSplit(scope->string_value(), ' ', absl::SkipEmpty())) {
    if (std::optional<domain::Scope> known = domain::ParseScope(std::string(name))) scopes.Add(*known);
  }
  return scopes;
}

absl::StatusOr<std::string> ReadConfigFile(const std::string& path) {
  std::ifstream file(path);
  if (!file) return absl::InvalidArgumentError(absl::StrCat("cannot read the JWT issuer file ", path));
  std::stringstream contents;
  contents << file.rdbuf();
  return contents.str();
}

absl::Status ConfigError(size_t index, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat("JWT issuer ", index, ": ", problem));
}

// RequiredConfigString returns the non-empty string member `name` of an issuer entry.
absl::StatusOr<std::string> RequiredConfigString(const JsonValue& entry, size_t index, absl::string_view name) {
  std::optional<std::string> value = StringClaim(entry, name);
  if (!value.has_value() || value->empty()) {
    return ConfigError(index, absl::StrCat("`", name, "` must be a non-empty string"));
  }
  return *std::move(value);
}

absl::Status CheckIssuerMembers(const JsonValue& entry, size_t index) {
  if (!entry.is_object()) return ConfigError(index, "must be an object");
  for (const JsonValue::Member& member : entry.members()) {
    const bool known = std::any_of(std::begin(kIssuerMembers), std::end(kIssuerMembers),
                                   [&](const char* name) { return member.first == name; });
    if (!known) return ConfigError(index, "has an unknown member");
  }
  return absl::OkStatus();
}

// ParseIssuer reads one entry of the issuer file; `folder` resolves relative JWKS paths.
absl::StatusOr<JwtIssuer> ParseIssuer(const JsonValue& entry, size_t index, const std::filesystem::path& folder) {
  NPSD_RETURN_IF_ERROR(CheckIssuerMembers(entry, index));
  JwtIssuer issuer;
  NPSD_ASSIGN_OR_RETURN(issuer.issuer, RequiredConfigString(entry, index, "issuer"));
  NPSD_ASSIGN_OR_RETURN(issuer.audience, RequiredConfigString(entry, index, "audience"));
  NPSD_ASSIGN_OR_RETURN(std::string jwks_file, RequiredConfigString(entry, index, "jwks_file"));
  if (entry.Find("tenant_claim") != nullptr) {
    NPSD_ASSIGN_OR_RETURN(issuer.tenant_claim, RequiredConfigString(entry, index, "tenant_claim"));
  }
  NPSD_ASSIGN_OR_RETURN(issuer.keys, Jwks::LoadFile((folder / jwks_file).string()));
  return issuer;
}

}  // namespace

bool LooksLikeJwt(const std::string& token) { return std::count(token.begin(), token.end(), '.') == 2; }

absl::StatusOr<CompactJws> ParseCompactJws(const std::string& token) {
  if (token.size() > kMaxJwtBytes) return Rejected("it is too large");
  std::vector<absl::string_view> parts = absl::StrSplit(token, '.');
  if (parts.size() != 3 || parts[0].empty() || parts[2].empty()) return Rejected("malformed structure");
  CompactJws jws;
  jws.signing_input = std::string(parts[0]) + "." + std::string(parts[1]);
  NPSD_ASSIGN_OR_RETURN(std::string header, DecodeSegment(parts[0]));
  NPSD_ASSIGN_OR_RETURN(jws.header, ParseJsonObject(header, "header"));
  NPSD_ASSIGN_OR_RETURN(jws.payload, DecodeSegment(parts[1]));
  NPSD_ASSIGN_OR_RETURN(jws.signature, DecodeSegment(parts[2]));
  return jws;
}

absl::Status VerifyJwsSignature(const CompactJws& jws, const Jwks& keys) {
  for (const char* member : kRefusedHeaderMembers) {
    if (jws.header.Find(member) != nullptr) return Rejected("its header has a refused parameter");
  }
  const JsonValue* alg = jws.header.Find("alg");
  if (alg == nullptr || !alg->is_string()) return Rejected("malformed header");
  NPSD_ASSIGN_OR_RETURN(std::optional<std::string> kid, OptionalKid(jws.header));
  const JwkPublicKey* key = keys.Select(kid);
  if (key == nullptr) return Rejected("its signing key is not known");
  if (alg->string_value() != JwsAlgorithmName(key->algorithm())) {
    return Rejected("its algorithm does not match its key");
  }
  if (!key->Verify(jws.signing_input, jws.signature)) return Rejected("bad signature");
  return absl::OkStatus();
}

JwtVerifier::JwtVerifier(std::vector<JwtIssuer> issuers, absl::Duration leeway,
                         std::function<absl::Time()> clock)
    : issuers_(std::move(issuers)), leeway_(leeway), clock_(std::move(clock)) {}

const JwtIssuer* JwtVerifier::FindIssuer(const std::string& issuer) const {
  for (const JwtIssuer& candidate : issuers_) {
    if (candidate.issuer == issuer) return &candidate;
  }
  return nullptr;
}

absl::StatusOr<JwtIdentity> JwtVerifier::Verify(const std::string& token) const {
  NPSD_ASSIGN_OR_RETURN(CompactJws jws, ParseCompactJws(token));
  NPSD_ASSIGN_OR_RETURN(JsonValue claims, ParseJsonObject(jws.payload, "claims"));
  const std::optional<std::string> iss = StringClaim(claims, "iss");
  const JwtIssuer* issuer = iss.has_value() ? FindIssuer(*iss) : nullptr;
  if (issuer == nullptr) return Rejected("its issuer is not trusted");
  // The signature binds `iss` to the issuer's key before any other claim is believed.
  NPSD_RETURN_IF_ERROR(VerifyJwsSignature(jws, issuer->keys));
  NPSD_RETURN_IF_ERROR(CheckAudience(claims, issuer->audience));
  JwtIdentity identity;
  NPSD_ASSIGN_OR_RETURN(identity.expires, CheckTimes(claims, clock_(), leeway_));
  std::optional<std::string> subject = StringClaim(claims, "sub");
  if (!subject.has_value() || subject->empty()) return Rejected("it has no subject");
  std::optional<std::string> tenant = StringClaim(claims, issuer->tenant_claim);
  std::optional<std::string> tenant_id = tenant.has_value() ? domain::CanonicalUuid(*tenant) : std::nullopt;
  if (!tenant_id.has_value()) return Rejected("it names no tenant");
  NPSD_ASSIGN_OR_RETURN(identity.scopes, ScopesOf(claims));
  identity.issuer = issuer->issuer;
  identity.subject = *std::move(subject);
  identity.tenant_id = *std::move(tenant_id);
  return identity;
}

absl::StatusOr<std::unique_ptr<JwtVerifier>> LoadJwtVerifier(const std::string& path, absl::Duration leeway,
                                                             std::function<absl::Time()> clock) {
  NPSD_ASSIGN_OR_RETURN(std::string text, ReadConfigFile(path));
  absl::StatusOr<JsonValue> document = ParseJson(text, kConfigJsonLimits);
  if (!document.ok()) return absl::InvalidArgumentError(absl::StrCat(path, ": ", document.status().message()));
  if (!document->is_array() || document->elements().empty()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": expected a non-empty array of issuers"));
  }
  const std::filesystem::path folder = std::filesystem::path(path).parent_path();
  std::vector<JwtIssuer> issuers;
  std::set<std::string> names;
  for (size_t i = 0; i < document->elements().size(); ++i) {
    NPSD_ASSIGN_OR_RETURN(JwtIssuer issuer, ParseIssuer(document->elements()[i], i, folder));
    if (!names.insert(issuer.issuer).second) return ConfigError(i, "duplicate `issuer`");
    issuers.push_back(std::move(issuer));
  }
  return std::make_unique<JwtVerifier>(std::move(issuers), leeway, std::move(clock));
}

}  // namespace npsd::auth
