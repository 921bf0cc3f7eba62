// principal.h — who is calling: the identity established from a call's credential.
//
// The tenant of a call comes from here and only from here, never from a request field.
#ifndef NPSD_AUTH_PRINCIPAL_H_
#define NPSD_AUTH_PRINCIPAL_H_

#include <string>

#include "absl/time/time.h"
#include "domain/scope.h"

namespace npsd::auth {

// Principal is an authenticated caller.
struct Principal {
  // Kind distinguishes the server operator from a tenant's credential.
  enum class Kind { kOperator, kTenant };

  Kind kind = Kind::kTenant;
  std::string tenant_id;     // the caller's tenant; empty for the operator
  domain::ScopeSet scopes;   // what a tenant credential may do
  std::string credential_id;  // the API key id, "operator" or "jwt:<hash>", for audit; never a secret
  absl::Time expires = absl::InfiniteFuture();  // when the credential stops being valid (JWT `exp`)

  // Operator returns the principal of the operator credential.
  static Principal Operator() { return Principal{Kind::kOperator, "", {}, "operator"}; }

  // is_operator is true for the operator credential.
  bool is_operator() const { return kind == Kind::kOperator; }
};

}  // namespace npsd::auth

#endif  // NPSD_AUTH_PRINCIPAL_H_
