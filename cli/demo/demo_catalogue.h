// demo_catalogue.h — the fictional retailer of `make demo`: its catalogue and the traits
// that make its synthetic NPS differ by region, brand, agent and queue.
//
//   for (const DemoUnit& unit : DemoUnits()) { ... npsctl units create ... }
//
// Regions form a hierarchy (EMEA > FR > FR-IDF); responses name leaf regions only, so
// the NPS of a parent region is that of its descendants.
#ifndef NPSD_CLI_DEMO_DEMO_CATALOGUE_H_
#define NPSD_CLI_DEMO_DEMO_CATALOGUE_H_

#include <string>
#include <vector>

namespace npsd::cli::demo {

// DemoUnit is one catalogue unit; `score_shift` moves the mean score of its responses.
struct DemoUnit {
  std::string kind;  // region | brand | business-unit
  std::string code;
  std::string name;
  std::string parent_code;
  double score_shift = 0;
  std::string locale;  // regions: the respondents' locale
  double weight = 0;   // leaf regions and brands: share of the responses
};

// DemoUnits returns every unit, parents before their children.
const std::vector<DemoUnit>& DemoUnits();

// DemoQueue is a contact-center queue with its typical wait and its effect on scores.
struct DemoQueue {
  std::string code;
  double mean_wait_seconds;
  double score_shift;
};

// DemoQueues returns the contact-center queues.
const std::vector<DemoQueue>& DemoQueues();

}  // namespace npsd::cli::demo

#endif  // NPSD_CLI_DEMO_DEMO_CATALOGUE_H_
