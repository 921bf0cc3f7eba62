// fuzz_privacy.cc — libFuzzer target: data-subject requests and privacy settings.
//
// The input is parsed as a CreateDataSubjectRequestRequest, a
// ListDataSubjectRequestsRequest and PrivacySettings, and each is converted and
// validated as PrivacyService does.
#include <cstddef>
#include <cstdint>

#include "domain/data_subject_request.h"
#include "domain/privacy_settings.h"
#include "server/privacy_proto.h"

// LLVMFuzzerTestOneInput is libFuzzer's entry point: one input per call; it returns 0.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const int length = static_cast<int>(size);
  nps::v1::CreateDataSubjectRequestRequest create;
  if (create.ParseFromArray(data, length)) {
    (void)npsd::domain::ValidateDataSubjectRequest(npsd::server::DataSubjectRequestInputFromProto(create));
  }
  nps::v1::ListDataSubjectRequestsRequest list;
  if (list.ParseFromArray(data, length)) (void)npsd::server::DataSubjectRequestFilterFromProto(list);
  nps::v1::PrivacySettings settings;
  if (settings.ParseFromArray(data, length)) {
    absl::StatusOr<npsd::domain::PrivacySettings> parsed = npsd::server::PrivacySettingsFromProto(settings);
    if (parsed.ok()) (void)npsd::domain::ValidatePrivacySettings(*parsed);
  }
  return 0;
}
