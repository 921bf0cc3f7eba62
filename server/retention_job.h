// retention_job.h — the retention job inside npsd, and `npsd retention run`.
//
// The job wakes every `interval` and runs RetentionRunner::RunAll at the current time;
// the runner's advisory lock makes sure only one server's job works at a time, so every
// server may run one. The first run comes one interval after start-up. Each run is
// logged as one line of counts (never anything personal):
//
//   RetentionJob job(runner, absl::Hours(1));
//   job.Start();
//   ...
//   job.Stop();  // also done by the destructor
#ifndef NPSD_SERVER_RETENTION_JOB_H_
#define NPSD_SERVER_RETENTION_JOB_H_

#include <functional>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "storage/pg/retention_runner.h"

namespace npsd::server {

// RetentionJob runs retention periodically on a thread of its own.
class RetentionJob {
 public:
  // RetentionJob runs `runner` (which must outlive it) every `interval`, at the time
  // `clock` gives.
  RetentionJob(storage::pg::RetentionRunner& runner, absl::Duration interval,
               std::function<absl::Time()> clock = absl::Now);
  RetentionJob(const RetentionJob&) = delete;
  RetentionJob& operator=(const RetentionJob&) = delete;
  ~RetentionJob();

  // Start starts the thread.
  void Start();

  // Stop ends the run in progress after its current batch and joins the thread.
  void Stop();

 private:
  void Loop();

  storage::pg::RetentionRunner& runner_;
  const absl::Duration interval_;
  const std::function<absl::Time()> clock_;
  absl::Notification stopping_;
  std::thread thread_;
};

// FormatRetentionReport renders a run's report as one log line.
std::string FormatRetentionReport(const storage::pg::RetentionRunReport& report);

// RunRetentionOnce runs retention now, outside any server (`npsd retention run`), for
// every tenant or, when `tenant_id` is set, for that tenant only.
absl::StatusOr<storage::pg::RetentionRunReport> RunRetentionOnce(const std::string& database_url,
                                                                  const std::string& tenant_id);

}  // namespace npsd::server

#endif  // NPSD_SERVER_RETENTION_JOB_H_
