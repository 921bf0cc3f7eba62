// npsd_process.cc — spawning, probing and stopping npsd.
#include "tests/support/npsd_process.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <vector>

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "server/health_probe.h"

namespace npsd::testing {
namespace {

int FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
  socklen_t length = sizeof(address);
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

pid_t Spawn(const std::vector<std::string>& arguments, const std::string& log_path) {
  const pid_t pid = fork();
  if (pid != 0) return pid;
  const int log = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  dup2(log, STDERR_FILENO);
  dup2(log, STDOUT_FILENO);
  std::vector<char*> argv;
  for (const std::string& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);
  execv(argv[0], argv.data());
  _exit(127);
}

}  // namespace

absl::StatusOr<std::unique_ptr<NpsdProcess>> NpsdProcess::Start(const std::string& binary, const std::string& app_url,
                                                                const std::string& owner_url,
                                                                const std::string& work_dir) {
  const std::string operator_token = "bench-operator-credential-0123456789abcdef";
  std::ofstream(work_dir + "/operator.key") << operator_token << "\n";
  std::ofstream(work_dir + "/master.key") << std::string(64, 'a') << "\n";
  const std::string address = absl::StrCat("127.0.0.1:", FreePort());
  const pid_t pid =
      Spawn({binary, "serve", "--listen", address, "--database-url", app_url, "--migration-database-url", owner_url,
             "--operator-key-file", work_dir + "/operator.key", "--master-key-file", work_dir + "/master.key",
             "--insecure", "--pool-size", "8", "--tenant-rate-limit", "0", "--key-rate-limit", "0"},
            work_dir + "/npsd.log");
  // Retry the connection quickly while the server starts (the default backoff waits
  // seconds after the first refused attempt).
  grpc::ChannelArguments arguments;
  arguments.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 50);
  arguments.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 50);
  arguments.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 250);
  auto channel = grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), arguments);
  std::unique_ptr<NpsdProcess> process(new NpsdProcess(pid, channel, operator_token));
  const absl::Time give_up = absl::Now() + absl::Seconds(60);
  while (absl::Now() < give_up) {
    absl::StatusOr<std::string> health = server::CheckHealth(channel, "", absl::Seconds(1));
    if (health.ok() && *health == "SERVING") return process;
    absl::SleepFor(absl::Milliseconds(50));
  }
  return absl::UnavailableError(absl::StrCat("npsd did not become healthy; see ", work_dir, "/npsd.log"));
}

NpsdProcess::~NpsdProcess() {
  if (!reaped_) Terminate();
}

void NpsdProcess::Kill() {
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  reaped_ = true;
}

int NpsdProcess::Terminate() {
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  reaped_ = true;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int64_t NpsdProcess::PeakRssBytes() const {
  std::ifstream file(absl::StrCat("/proc/", pid_, "/status"));
  std::string line;
  while (std::getline(file, line)) {
    if (line.rfind("VmHWM:", 0) != 0) continue;
    std::vector<std::string> parts = absl::StrSplit(line, ' ', absl::SkipEmpty());
    int64_t kilobytes = 0;
    if (parts.size() >= 2 && absl::SimpleAtoi(parts[1], &kilobytes)) return kilobytes * 1024;
  }
  return -1;
}

double NpsdProcess::CpuSeconds() const {
  std::ifstream file(absl::StrCat("/proc/", pid_, "/stat"));
  std::string stat((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  // Fields after the command name (which may hold spaces) start at field 3; utime and
  // stime are fields 14 and 15, in clock ticks.
  const size_t name_end = stat.rfind(')');
  if (name_end == std::string::npos) return -1;
  std::vector<std::string> fields = absl::StrSplit(stat.substr(name_end + 2), ' ', absl::SkipEmpty());
  int64_t user_ticks = 0, system_ticks = 0;
  if (fields.size() < 13 || !absl::SimpleAtoi(fields[11], &user_ticks) || !absl::SimpleAtoi(fields[12], &system_ticks)) {
    return -1;
  }
  return static_cast<double>(user_ticks + system_ticks) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

}  // namespace npsd::testing
