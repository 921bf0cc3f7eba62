// copy_baseline.cc — libpq binary COPY of synthetic responses.
#include "bench/copy_baseline.h"

#include <libpq-fe.h>

#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace npsd::bench {
namespace {

using Connection = std::unique_ptr<PGconn, decltype(&PQfinish)>;

// PostgreSQL's binary timestamps count microseconds from 2000-01-01.
constexpr int64_t kPostgresEpochMicros = 946684800LL * 1000000;

constexpr char kSetup[] =
    "DROP SCHEMA IF EXISTS bench_copy CASCADE; CREATE SCHEMA bench_copy;"
    " CREATE TABLE bench_copy.responses (LIKE npsd.responses INCLUDING DEFAULTS INCLUDING INDEXES)";
constexpr char kCopy[] =
    "COPY bench_copy.responses (tenant_id, response_id, campaign_id, score, answered_at, received_at, channel,"
    " region_code, brand_code, business_unit_code, locale, interaction_id, agent_id, queue, wait_seconds,"
    " handle_seconds, idempotency_key, payload_sha256) FROM STDIN (FORMAT binary)";

void PutInt(std::string& out, uint64_t value, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

void PutField(std::string& out, const std::string& bytes) {
  PutInt(out, bytes.size(), 4);
  out += bytes;
}

std::string Uuid(uint64_t high, uint64_t low) {
  std::string bytes;
  PutInt(bytes, high, 8);
  PutInt(bytes, low, 8);
  return bytes;
}

std::string Int(uint64_t value, int bytes) {
  std::string out;
  PutInt(out, value, bytes);
  return out;
}

void AppendRow(std::string& out, int64_t i, int64_t now_micros) {
  PutInt(out, 18, 2);
  PutField(out, Uuid(0x1111, 1));                   // tenant
  PutField(out, Uuid(0x2222, static_cast<uint64_t>(i)));  // response
  PutField(out, Uuid(0x3333, 1));                   // campaign
  PutField(out, Int(static_cast<uint64_t>(i % 11), 2));
  PutField(out, Int(static_cast<uint64_t>(now_micros - kPostgresEpochMicros - i), 8));
  PutField(out, Int(static_cast<uint64_t>(now_micros - kPostgresEpochMicros), 8));
  PutField(out, "VOICE_POST_CALL");
  PutField(out, absl::StrCat("R", i % 8));
  PutField(out, absl::StrCat("B", i % 3));
  PutField(out, absl::StrCat("U", i % 4));
  PutField(out, "en");
  PutField(out, absl::StrCat("interaction-", i));
  PutField(out, absl::StrCat("agent-", i % 50));
  PutField(out, "billing");
  PutField(out, Int(static_cast<uint64_t>(i % 300), 4));
  PutField(out, Int(static_cast<uint64_t>(i % 900), 4));
  PutField(out, absl::StrCat("copy-", i));
  PutField(out, std::string(32, static_cast<char>(i & 0xff)));
}

bool Exec(PGconn* connection, const char* sql) {
  std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(connection, sql), &PQclear);
  const ExecStatusType status = PQresultStatus(result.get());
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_COPY_IN;
}

bool CopyRows(PGconn* connection, int64_t rows) {
  if (!Exec(connection, "BEGIN") || !Exec(connection, kCopy)) return false;
  std::string buffer("PGCOPY\n\377\r\n\0", 11);
  PutInt(buffer, 0, 4);
  PutInt(buffer, 0, 4);
  const int64_t now_micros = absl::ToUnixMicros(absl::Now());
  for (int64_t i = 0; i < rows; ++i) {
    AppendRow(buffer, i, now_micros);
    if (buffer.size() > (1 << 20) || i + 1 == rows) {
      if (i + 1 == rows) PutInt(buffer, 0xffff, 2);
      if (PQputCopyData(connection, buffer.data(), static_cast<int>(buffer.size())) != 1) return false;
      buffer.clear();
    }
  }
  if (PQputCopyEnd(connection, nullptr) != 1) return false;
  std::unique_ptr<PGresult, decltype(&PQclear)> result(PQgetResult(connection), &PQclear);
  return PQresultStatus(result.get()) == PGRES_COMMAND_OK && Exec(connection, "COMMIT");
}

}  // namespace

absl::StatusOr<double> MeasureBinaryCopy(const std::string& owner_url, int64_t rows) {
  Connection connection(PQconnectdb(owner_url.c_str()), &PQfinish);
  if (PQstatus(connection.get()) != CONNECTION_OK) return absl::UnavailableError("cannot connect for COPY");
  if (!Exec(connection.get(), kSetup)) return absl::InternalError(PQerrorMessage(connection.get()));
  const absl::Time start = absl::Now();
  if (!CopyRows(connection.get(), rows)) return absl::InternalError(PQerrorMessage(connection.get()));
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  Exec(connection.get(), "DROP SCHEMA bench_copy CASCADE");
  return static_cast<double>(rows) / seconds;
}

}  // namespace npsd::bench
