// echo_baseline.h — baseline E: a trivial gRPC service on loopback.
//
// The cost of a unary call with nothing behind it (the standard health Check answered
// from memory by a synchronous server like npsd's), measured with the same load
// generator: npsd's unary ingest is reported as a ratio of this.
#ifndef NPSD_BENCH_ECHO_BASELINE_H_
#define NPSD_BENCH_ECHO_BASELINE_H_

#include "absl/time/time.h"
#include "bench/load_generator.h"

namespace npsd::bench {

// MeasureEcho runs a closed loop of `in_flight` calls for `duration` against an
// in-process trivial service.
LoadResult MeasureEcho(int in_flight, absl::Duration duration);

}  // namespace npsd::bench

#endif  // NPSD_BENCH_ECHO_BASELINE_H_
