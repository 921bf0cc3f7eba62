// copy_baseline.h — baseline C: binary COPY of response rows into a scratch table.
//
// The fastest way PostgreSQL accepts rows: one COPY in binary format into a copy of
// npsd.responses (same columns and indexes), committed with synchronous_commit=on.
// npsd's sustained ingest is reported as a ratio of this.
#ifndef NPSD_BENCH_COPY_BASELINE_H_
#define NPSD_BENCH_COPY_BASELINE_H_

#include <string>

#include "absl/status/statusor.h"

namespace npsd::bench {

// MeasureBinaryCopy copies `rows` synthetic response rows through the owner
// connection `owner_url` and returns rows per second (table setup excluded).
absl::StatusOr<double> MeasureBinaryCopy(const std::string& owner_url, int64_t rows);

}  // namespace npsd::bench

#endif  // NPSD_BENCH_COPY_BASELINE_H_
