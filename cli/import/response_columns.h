// response_columns.h — the CSV layout of `npsctl responses import`: columns -> ResponseInput.
//
//   idempotency_key,campaign_id,score,answered_at,channel,region_code,comment,locale,agent_id
//   call-8812,4f0c...,9,2025-03-01T10:15:00Z,voice_post_call,FR-IDF,Très bien,fr-FR,A-107
//
// Columns are named in the header (any order, any case); only `score` is required, and
// `campaign_id` unless the import names a default campaign. Other columns: channel
// (email, sms, web, in_app, voice_post_call, chat), answered_at (RFC 3339), region_code,
// brand_code, business_unit_code, comment, locale, subject_external_id, subject_email,
// subject_phone, interaction_id, agent_id, team, queue, wait_seconds, handle_seconds,
// wrap_up_code, and `attr.KEY` for custom attribute KEY. Empty cells are unset. Problems
// name the column and never quote the cell.
#ifndef NPSD_CLI_IMPORT_RESPONSE_COLUMNS_H_
#define NPSD_CLI_IMPORT_RESPONSE_COLUMNS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "cli/csv/csv_reader.h"
#include "nps/v1/response_service.pb.h"

namespace npsd::cli {

// ConvertedRow is a row turned into a response, or the reason it could not be.
struct ConvertedRow {
  nps::v1::ResponseInput input;
  std::string error_column;   // the column at fault; empty for the whole row
  std::string error_message;  // empty when the row converted

  // ok is true when the row converted.
  bool ok() const { return error_message.empty(); }
};

// ResponseColumns maps the columns of one file's header to response fields.
class ResponseColumns {
 public:
  // FromHeader reads the header; INVALID_ARGUMENT for an unknown or repeated column, a
  // missing `score`, or a missing `campaign_id` when `default_campaign_id` is empty.
  static absl::StatusOr<ResponseColumns> FromHeader(const std::vector<std::string>& header,
                                                    const std::string& default_campaign_id);

  // Convert turns a data row into a response. Without an `idempotency_key` cell the key
  // is `key_prefix` + ":" + the row number, so a re-run sends the same keys.
  ConvertedRow Convert(const CsvRecord& record, const std::string& key_prefix) const;

  // ColumnForField maps a server field path ("response.scope.region_code") back to its
  // column ("region_code"); other paths are returned without their "response." prefix.
  static std::string ColumnForField(const std::string& field_path);

 private:
  ResponseColumns(std::vector<int> columns, std::vector<std::string> attribute_keys, std::string default_campaign_id);

  std::vector<int> columns_;                 // per header position: a column id, or -1 for attr.*
  std::vector<std::string> attribute_keys_;  // per header position: the attribute key of attr.* columns
  std::string default_campaign_id_;
};

// DefaultKeyPrefix derives the idempotency key prefix from a file's name: its base name
// limited to [A-Za-z0-9._-] (others become '_') and 100 characters.
std::string DefaultKeyPrefix(const std::string& path);

}  // namespace npsd::cli

#endif  // NPSD_CLI_IMPORT_RESPONSE_COLUMNS_H_
