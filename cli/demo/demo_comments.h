// demo_comments.h — plausible free-text answers, in French and English, for `make demo`.
//
//   std::string comment = DemoComment(Sentiment::kNegative, Topic::kWait, /*french=*/true, rng);
//   // "Attente beaucoup trop longue au téléphone."
#ifndef NPSD_CLI_DEMO_DEMO_COMMENTS_H_
#define NPSD_CLI_DEMO_DEMO_COMMENTS_H_

#include <random>
#include <string>

namespace npsd::cli::demo {

// Sentiment is the tone of a comment, from the score's NPS category.
enum class Sentiment { kNegative, kNeutral, kPositive };

// Topic is what a comment is about.
enum class Topic { kDelivery, kPrice, kStaff, kApp, kWait };

// DemoComment picks a comment about `topic` in the tone of `sentiment`; some hold commas,
// quotes or two lines, as real comments do.
std::string DemoComment(Sentiment sentiment, Topic topic, bool french, std::mt19937_64& rng);

}  // namespace npsd::cli::demo

#endif  // NPSD_CLI_DEMO_DEMO_COMMENTS_H_
