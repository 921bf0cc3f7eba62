// response_generator.h — synthetic NPS responses for `make demo`, as rows of the
// `npsctl responses import` CSV layout.
//
//   GeneratorOptions options;
//   options.campaign_ids = {{"purchase", id1}, {"support", id2}, {"app", id3}};
//   ResponseGenerator generator(options);
//   std::cout << generator.HeaderLine();
//   for (int64_t i = 0; i < options.count; ++i) std::cout << generator.RowLine(i);
//
// Two years of answers ending at `end`, with realistic structure: more answers in
// November-December, lower scores in December (delivery delays) and August (summer
// staffing), a slow improvement over time, regional and brand differences,
// contact-center agents of uneven skill and queues whose waits cost points, and French
// or English comments following the region's language. The same seed and end time give
// the same file, so re-importing it stores nothing new.
#ifndef NPSD_CLI_DEMO_RESPONSE_GENERATOR_H_
#define NPSD_CLI_DEMO_RESPONSE_GENERATOR_H_

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "cli/demo/demo_comments.h"

namespace npsd::cli::demo {

// GeneratorOptions configures the data set.
struct GeneratorOptions {
  int64_t count = 100000;
  std::map<std::string, std::string> campaign_ids;  // purchase, support, app -> campaign id
  absl::Time end;                                   // the newest answer is before it
  int days = 730;
  uint64_t seed = 42;
};

// ResponseGenerator produces row `i` of the data set; rows are independent of each other.
// Not thread-safe.
class ResponseGenerator {
 public:
  // ResponseGenerator prepares the data set described by `options`.
  explicit ResponseGenerator(GeneratorOptions options);

  // HeaderLine returns the CSV header line.
  std::string HeaderLine() const;

  // RowLine returns row `index` (0-based) as a CSV line.
  std::string RowLine(int64_t index) const;

 private:
  struct Row;
  absl::Time PickTime(std::mt19937_64& rng) const;
  void FillPlace(Row& row, double& shift, std::mt19937_64& rng) const;
  Topic FillCampaign(Row& row, int64_t index, double& shift, std::mt19937_64& rng) const;
  void FillContactCenter(Row& row, double& shift, std::mt19937_64& rng) const;

  GeneratorOptions options_;
  std::vector<double> agent_shifts_;
  std::vector<int> leaf_regions_;  // indexes into DemoUnits()
  std::vector<int> brands_;
  mutable std::discrete_distribution<int> region_pick_;
  mutable std::discrete_distribution<int> brand_pick_;
};

}  // namespace npsd::cli::demo

#endif  // NPSD_CLI_DEMO_RESPONSE_GENERATOR_H_
