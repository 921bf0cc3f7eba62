// npsd_process.h — runs the real npsd binary as a child process (benchmark, fault tests).
#ifndef NPSD_TESTS_SUPPORT_NPSD_PROCESS_H_
#define NPSD_TESTS_SUPPORT_NPSD_PROCESS_H_

#include <sys/types.h>

#include <memory>
#include <string>

#include <grpcpp/channel.h>

#include "absl/status/statusor.h"

namespace npsd::testing {

// NpsdProcess is a running `npsd serve` on a free loopback port.
class NpsdProcess {
 public:
  // Start launches `binary` against the databases, with a fresh operator key and master
  // key in `work_dir`, waits until it answers SERVING, and returns it.
  static absl::StatusOr<std::unique_ptr<NpsdProcess>> Start(const std::string& binary, const std::string& app_url,
                                                            const std::string& owner_url,
                                                            const std::string& work_dir);
  // ~NpsdProcess stops the server with SIGTERM and waits for it (unless already reaped).
  ~NpsdProcess();

  // Terminate sends SIGTERM and returns the exit status once the process has exited
  // (-1 when it did not exit normally).
  int Terminate();

  // Kill ends the process at once with SIGKILL, as a crash would.
  void Kill();

  // channel is a plaintext channel to the server.
  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  // operator_token is the operator credential.
  const std::string& operator_token() const { return operator_token_; }
  // PeakRssBytes is the server's peak resident set size so far (VmHWM).
  int64_t PeakRssBytes() const;
  // CpuSeconds is the CPU time (user and system) the server has used so far.
  double CpuSeconds() const;

 private:
  NpsdProcess(pid_t pid, std::shared_ptr<grpc::Channel> channel, std::string operator_token)
      : pid_(pid), channel_(std::move(channel)), operator_token_(std::move(operator_token)) {}

  pid_t pid_;
  bool reaped_ = false;
  std::shared_ptr<grpc::Channel> channel_;
  std::string operator_token_;
};

}  // namespace npsd::testing

#endif  // NPSD_TESTS_SUPPORT_NPSD_PROCESS_H_
