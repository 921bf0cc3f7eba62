// outcome_delivery_test.cc — completions answered off the writers' threads.
#include "storage/pg/outcome_delivery.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"

namespace npsd::storage::pg {
namespace {

// Answered records, in the order they ran, the response id of each outcome.
class Answered {
 public:
  std::function<void(SubmitOutcome)> Callback() {
    return [this](SubmitOutcome outcome) {
      absl::MutexLock lock(&mutex_);
      ids_.push_back(outcome.response_id);
      thread_ids_.push_back(std::this_thread::get_id());
    };
  }
  std::vector<std::string> ids() {
    absl::MutexLock lock(&mutex_);
    return ids_;
  }
  std::vector<std::thread::id> thread_ids() {
    absl::MutexLock lock(&mutex_);
    return thread_ids_;
  }

 private:
  absl::Mutex mutex_;
  std::vector<std::string> ids_ ABSL_GUARDED_BY(mutex_);
  std::vector<std::thread::id> thread_ids_ ABSL_GUARDED_BY(mutex_);
};

std::vector<Completion> Batch(Answered& answered, const std::vector<std::string>& ids) {
  std::vector<Completion> batch;
  for (const std::string& id : ids) batch.push_back(Completion{answered.Callback(), SubmitOutcome{{}, id, false, {}}});
  return batch;
}

TEST(OutcomeDeliveryTest, AnswersInTheOrderHandedOverOnAThreadOfItsOwnAndDrainsWhenDestroyed) {
  Answered answered;
  absl::Notification release;
  {
    OutcomeDelivery delivery;
    // The first completion blocks the delivery thread, so the others queue behind it.
    std::vector<Completion> first;
    first.push_back(Completion{[&](SubmitOutcome outcome) {
                                 release.WaitForNotification();
                                 answered.Callback()(std::move(outcome));
                               },
                               SubmitOutcome{{}, "a", false, {}}});
    delivery.Deliver(std::move(first));
    delivery.Deliver(Batch(answered, {"b", "c"}));
    delivery.Deliver(Batch(answered, {"d"}));
    EXPECT_TRUE(answered.ids().empty());
    release.Notify();
  }  // the destructor returns only once every completion ran
  EXPECT_EQ(answered.ids(), (std::vector<std::string>{"a", "b", "c", "d"}));
  for (const std::thread::id& id : answered.thread_ids()) EXPECT_NE(id, std::this_thread::get_id());
}

}  // namespace
}  // namespace npsd::storage::pg
