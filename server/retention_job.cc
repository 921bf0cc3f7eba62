// retention_job.cc — the periodic retention thread and the one-shot command.
#include "server/retention_job.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "domain/status_macros.h"
#include "domain/uuid.h"
#include "server/access_log.h"
#include "storage/pg/connection_pool.h"

namespace npsd::server {
namespace {

// kCommandPoolSize is the pool of `npsd retention run`: its transactions run one at a
// time, and the lock has its own connection.
constexpr int kCommandPoolSize = 1;

}  // namespace

RetentionJob::RetentionJob(storage::pg::RetentionRunner& runner, absl::Duration interval,
                           std::function<absl::Time()> clock)
    : runner_(runner), interval_(interval), clock_(std::move(clock)) {}

RetentionJob::~RetentionJob() { Stop(); }

void RetentionJob::Start() { thread_ = std::thread([this] { Loop(); }); }

void RetentionJob::Stop() {
  if (!stopping_.HasBeenNotified()) stopping_.Notify();
  runner_.Stop();
  if (thread_.joinable()) thread_.join();
}

void RetentionJob::Loop() {
  while (!stopping_.WaitForNotificationWithTimeout(interval_)) {
    const absl::StatusOr<storage::pg::RetentionRunReport> report = runner_.RunAll(clock_());
    if (report.ok()) {
      if (report->ran) LogEvent("info", FormatRetentionReport(*report));
    } else {
      LogEvent("warning", absl::StrCat("retention run failed: ", absl::StatusCodeToString(report.status().code())));
    }
  }
}

std::string FormatRetentionReport(const storage::pg::RetentionRunReport& report) {
  if (!report.ran) return "retention run skipped: another runner holds the lock";
  return absl::StrCat("retention run: ", report.tenants, " tenant(s) with a policy, ", report.tenants_failed,
                      " failed; responses deleted ", report.responses_deleted, ", anonymized ",
                      report.responses_anonymized, "; subjects deleted ", report.subjects_deleted);
}

absl::StatusOr<storage::pg::RetentionRunReport> RunRetentionOnce(const std::string& database_url,
                                                                  const std::string& tenant_id) {
  storage::pg::ConnectionPool pool(database_url, kCommandPoolSize);
  storage::pg::RetentionRunner runner(pool, {database_url});
  if (tenant_id.empty()) return runner.RunAll(absl::Now());
  NPSD_ASSIGN_OR_RETURN(std::string id, domain::ParseIdField("--tenant", tenant_id));
  return runner.RunTenant(id, absl::Now());
}

}  // namespace npsd::server
