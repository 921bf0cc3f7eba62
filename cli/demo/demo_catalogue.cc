// demo_catalogue.cc — the demo retailer's regions, brands, business units and queues.
#include "cli/demo/demo_catalogue.h"

namespace npsd::cli::demo {

const std::vector<DemoUnit>& DemoUnits() {
  static const std::vector<DemoUnit> units = {
      {"region", "EMEA", "Europe, Middle East & Africa", "", 0, "", 0},
      {"region", "FR", "France", "EMEA", 0, "", 0},
      {"region", "FR-IDF", "Île-de-France", "FR", -0.6, "fr-FR", 14},
      {"region", "FR-ARA", "Auvergne-Rhône-Alpes", "FR", 0.3, "fr-FR", 8},
      {"region", "FR-PACA", "Provence-Alpes-Côte d'Azur", "FR", 0.1, "fr-FR", 6},
      {"region", "DE", "Germany", "EMEA", 0, "", 0},
      {"region", "DE-BY", "Bavaria", "DE", 0.5, "en-GB", 7},
      {"region", "DE-BE", "Berlin", "DE", -0.2, "en-GB", 6},
      {"region", "UK", "United Kingdom", "EMEA", 0, "", 0},
      {"region", "UK-LON", "London", "UK", -0.3, "en-GB", 11},
      {"region", "UK-MAN", "Manchester", "UK", 0.2, "en-GB", 5},
      {"region", "AMER", "Americas", "", 0, "", 0},
      {"region", "US", "United States", "AMER", 0, "", 0},
      {"region", "US-NY", "New York", "US", -0.1, "en-US", 13},
      {"region", "US-CA", "California", "US", 0.4, "en-US", 12},
      {"region", "CA", "Canada", "AMER", 0, "", 0},
      {"region", "CA-QC", "Québec", "CA", 0.6, "fr-CA", 6},
      {"region", "CA-ON", "Ontario", "CA", 0.2, "en-CA", 6},
      {"brand", "ACME", "Acme", "", 0.2, "", 60},
      {"brand", "ACME-EXPRESS", "Acme Express", "", -0.5, "", 25},
      {"brand", "NOVA", "Nova Home", "", 0.4, "", 15},
      {"business-unit", "RETAIL", "Retail", "", 0, "", 0},
      {"business-unit", "RETAIL-STORES", "Stores", "RETAIL", 0.3, "", 0},
      {"business-unit", "RETAIL-ONLINE", "Online shop", "RETAIL", -0.1, "", 0},
      {"business-unit", "SERVICES", "Services", "", 0, "", 0},
      {"business-unit", "SERVICES-SUPPORT", "Customer support", "SERVICES", -0.4, "", 0},
      {"business-unit", "SERVICES-REPAIR", "Repairs", "SERVICES", -0.2, "", 0},
  };
  return units;
}

const std::vector<DemoQueue>& DemoQueues() {
  static const std::vector<DemoQueue> queues = {
      {"billing", 90, -0.3},
      {"technical", 240, -0.8},
      {"returns", 150, -0.5},
      {"sales", 45, 0.4},
  };
  return queues;
}

}  // namespace npsd::cli::demo
