// fuzz_response_input.cc — libFuzzer target: submitted responses and response filters.
//
// The input is parsed as an nps.v1.ResponseInput and as a ListResponsesRequest and
// converted and validated exactly as ResponseService does before any storage.
#include <cstddef>
#include <cstdint>

#include "nps/v1/response_service.pb.h"
#include "server/response_proto.h"

// LLVMFuzzerTestOneInput is libFuzzer's entry point: one input per call; it returns 0.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  nps::v1::ResponseInput response;
  if (response.ParseFromArray(data, static_cast<int>(size))) {
    (void)npsd::server::ResponseInputFromProto(response, "response.");
    (void)npsd::server::SubjectIdentityFromProto(response.subject());
  }
  nps::v1::ListResponsesRequest list;
  if (list.ParseFromArray(data, static_cast<int>(size))) (void)npsd::server::ResponseFilterFromProto(list);
  return 0;
}
