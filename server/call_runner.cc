// call_runner.cc — authentication, authorization, deadlines and logging per call.
#include "server/call_runner.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "domain/status_macros.h"
#include "server/access_log.h"
#include "server/status_conversion.h"

namespace npsd::server {
namespace {

std::optional<std::string> Metadata(grpc::ServerContextBase* context, const char* key) {
  const auto& metadata = context->client_metadata();
  const auto found = metadata.find(key);
  if (found == metadata.end()) return std::nullopt;
  return std::string(found->second.data(), found->second.size());
}

// RequestId keeps a client's x-request-id when it is a short token, else makes one.
std::string RequestId(grpc::ServerContextBase* context) {
  static std::atomic<uint64_t> counter{0};
  std::optional<std::string> id = Metadata(context, "x-request-id");
  const bool usable = id.has_value() && !id->empty() && id->size() <= 64 &&
                      std::all_of(id->begin(), id->end(), [](char c) {
                        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
                      });
  if (usable) return *id;
  return absl::StrCat(absl::Hex(absl::ToUnixMicros(absl::Now())), "-", counter.fetch_add(1));
}

}  // namespace

CallRunner::CallRunner(auth::Authenticator& authenticator, RateLimiter& limiter, Metrics& metrics,
                       absl::Duration max_deadline, CallLog log)
    : authenticator_(authenticator),
      limiter_(limiter),
      metrics_(metrics),
      max_deadline_(max_deadline),
      log_(std::move(log)) {}

absl::StatusOr<CallContext> CallRunner::Admit(grpc::ServerContextBase* context, const RpcMethod& method,
                                              absl::Time start, CallRecord& record) {
  const absl::Time client_deadline = absl::FromChrono(context->deadline());
  const absl::Time deadline = method.long_lived ? client_deadline : std::min(client_deadline, start + max_deadline_);
  NPSD_ASSIGN_OR_RETURN(auth::Principal principal,
                        authenticator_.Authenticate(Metadata(context, "authorization"), deadline));
  record.tenant_id = principal.tenant_id;
  NPSD_RETURN_IF_ERROR(auth::Authorize(principal, method.policy));
  NPSD_RETURN_IF_ERROR(limiter_.Admit(principal));
  return CallContext{std::move(principal), deadline};
}

absl::StatusOr<CallContext> CallRunner::Begin(grpc::ServerContextBase* context, const RpcMethod& method,
                                              CallTicket& ticket) {
  ticket.start = absl::Now();
  ticket.record = CallRecord{RequestId(context), method.name, "", absl::StatusCode::kOk, absl::ZeroDuration()};
  NPSD_ASSIGN_OR_RETURN(CallContext call, Admit(context, method, ticket.start, ticket.record));
  if (method.long_lived) {
    NPSD_ASSIGN_OR_RETURN(RateLimiter::StreamSlot slot, limiter_.AcquireStream(call.principal));
    ticket.stream_slot.emplace(std::move(slot));
  }
  return call;
}

grpc::Status CallRunner::End(CallTicket& ticket, const absl::Status& status) {
  ticket.stream_slot.reset();
  ticket.record.code = status.code();
  ticket.record.latency = absl::Now() - ticket.start;
  log_(ticket.record);
  metrics_.RecordCall(ticket.record.method, ticket.record.code, ticket.record.latency);
  return ToGrpcStatus(status);
}

grpc::Status CallRunner::Run(grpc::ServerContext* context, const RpcMethod& method,
                             const std::function<absl::Status(const CallContext&)>& body) {
  CallTicket ticket;
  absl::StatusOr<CallContext> call = Begin(context, method, ticket);
  return End(ticket, call.ok() ? body(*call) : call.status());
}

}  // namespace npsd::server
