// outcome_delivery.cc — the thread that answers committed batches.
#include "storage/pg/outcome_delivery.h"

#include <utility>

namespace npsd::storage::pg {

OutcomeDelivery::OutcomeDelivery() : thread_([this] { Run(); }) {}

OutcomeDelivery::~OutcomeDelivery() {
  {
    absl::MutexLock lock(&mutex_);
    stopping_ = true;
  }
  thread_.join();
}

void OutcomeDelivery::Deliver(std::vector<Completion> completions) {
  absl::MutexLock lock(&mutex_);
  queue_.push_back(std::move(completions));
}

void OutcomeDelivery::Run() {
  while (true) {
    std::deque<std::vector<Completion>> taken;
    {
      absl::MutexLock lock(&mutex_);
      const auto ready = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) { return stopping_ || !queue_.empty(); };
      mutex_.Await(absl::Condition(&ready));
      if (queue_.empty()) return;  // stopping and drained
      taken.swap(queue_);
    }
    for (std::vector<Completion>& batch : taken) {
      for (Completion& completion : batch) completion.done(std::move(completion.outcome));
    }
  }
}

}  // namespace npsd::storage::pg
