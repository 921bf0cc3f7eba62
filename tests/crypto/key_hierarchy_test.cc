// key_hierarchy_test.cc — master key parsing, tenant key derivation, data key wrapping,
// crypto-shredding and master key rotation.
#include "crypto/key_hierarchy.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <fstream>
#include <string>

#include "crypto/aead.h"
#include "crypto/digest.h"
#include "crypto/hkdf.h"

namespace npsd::crypto {
namespace {

constexpr char kMasterHex[] = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
constexpr char kOtherMasterHex[] =
    "c0ffee0000000000000000000000000000000000000000000000000000c0ffee";
constexpr char kTenantA[] = "6f1c2b0e-93a4-4d7e-8f0a-1b2c3d4e5f60";
constexpr char kTenantB[] = "0b9d8c7e-6a5f-4e3d-9c2b-1a0f9e8d7c6b";

MasterKey Master(const std::string& text = kMasterHex) { return MasterKey::Parse(text).value(); }

std::string TenantKey(const MasterKey& master, const std::string& tenant) {
  return DeriveTenantKey(master, tenant).value();
}

std::string WriteTempFile(const std::string& name, const std::string& contents) {
  const std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path, std::ios::binary) << contents;
  return path;
}

TEST(MasterKeyTest, ParsesHexAndBase64UrlToTheSameKey) {
  const std::string bytes = HexDecode(kMasterHex).value();
  const std::string texts[] = {
      kMasterHex,
      "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F",
      "  " + std::string(kMasterHex) + "\n",
      Base64UrlEncode(bytes),
      Base64UrlEncode(bytes) + "=",
      Base64UrlEncode(bytes) + "\r\n",
  };
  for (const std::string& text : texts) {
    absl::StatusOr<MasterKey> key = MasterKey::Parse(text);
    ASSERT_TRUE(key.ok()) << text << ": " << key.status();
    EXPECT_EQ(key->bytes(), bytes) << text;
  }
}

TEST(MasterKeyTest, KeyIdIsThePrefixOfTheKeysSha256) {
  const MasterKey master = Master();
  EXPECT_EQ(master.key_id(), HexEncode(Sha256(master.bytes())).substr(0, 8));
  EXPECT_NE(master.key_id(), Master(kOtherMasterHex).key_id());
}

TEST(MasterKeyTest, RejectsMalformedKeysWithoutEchoingThem) {
  const std::string hex(kMasterHex);
  const std::string bytes = HexDecode(hex).value();
  const std::string bad_texts[] = {
      "",
      hex.substr(2),                               // 31 bytes of hex
      hex + "20",                                  // 33 bytes of hex
      hex.substr(0, 62) + "zz",                    // not hex
      hex.substr(0, 32) + " " + hex.substr(32),    // space inside
      Base64UrlEncode(bytes.substr(1)),            // 31 bytes
      Base64UrlEncode(bytes + "!"),                // 33 bytes
      Base64UrlEncode(bytes).substr(0, 42) + "+",  // standard alphabet
      std::string(64, '0'),                        // the all-zero placeholder
      Base64UrlEncode(std::string(32, '\0')),
  };
  for (const std::string& text : bad_texts) {
    absl::StatusOr<MasterKey> key = MasterKey::Parse(text);
    ASSERT_EQ(key.status().code(), absl::StatusCode::kInvalidArgument) << text;
    if (text.size() > 8) {
      EXPECT_EQ(key.status().message().find(text.substr(0, 8)), absl::string_view::npos);
    }
  }
}

TEST(MasterKeyTest, LoadsFromAFile) {
  const std::string path = WriteTempFile("master_key", std::string(kMasterHex) + "\n");
  absl::StatusOr<MasterKey> key = MasterKey::FromFile(path);
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_EQ(key->bytes(), Master().bytes());
}

TEST(MasterKeyTest, ReportsUnreadableAndOversizedFiles) {
  EXPECT_EQ(MasterKey::FromFile(::testing::TempDir() + "/no_such_master_key").status().code(),
            absl::StatusCode::kNotFound);
  const std::string path = WriteTempFile("huge_master_key", std::string(5000, 'a'));
  EXPECT_EQ(MasterKey::FromFile(path).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(MasterKeyTest, LoadsFromTheEnvironment) {
  ASSERT_EQ(setenv("NPSD_TEST_MASTER_KEY", kMasterHex, /*overwrite=*/1), 0);
  absl::StatusOr<MasterKey> key = MasterKey::FromEnvironment("NPSD_TEST_MASTER_KEY");
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_EQ(key->bytes(), Master().bytes());
  ASSERT_EQ(unsetenv("NPSD_TEST_MASTER_KEY"), 0);
  EXPECT_EQ(MasterKey::FromEnvironment("NPSD_TEST_MASTER_KEY").status().code(),
            absl::StatusCode::kNotFound);
}

TEST(KeyDerivationTest, IsTheDocumentedHkdf) {
  // Stored data depends on these exact derivations: changing them loses it all.
  const MasterKey master = Master();
  EXPECT_EQ(
      TenantKey(master, kTenantA),
      HkdfSha256(master.bytes(), "", std::string("npsd tenant key v1") + kTenantA, 32).value());
  EXPECT_EQ(DeriveTenantLookupKey(master, kTenantA).value(),
            HkdfSha256(master.bytes(), "", std::string("npsd tenant lookup key v1") + kTenantA, 32)
                .value());
}

TEST(KeyDerivationTest, SeparatesTenantsPurposesAndMasters) {
  const MasterKey master = Master();
  const std::string key_a = TenantKey(master, kTenantA);
  EXPECT_EQ(key_a.size(), kDataKeySize);
  EXPECT_EQ(key_a, TenantKey(master, kTenantA));
  EXPECT_NE(key_a, TenantKey(master, kTenantB));
  EXPECT_NE(key_a, DeriveTenantLookupKey(master, kTenantA).value());
  EXPECT_NE(key_a, TenantKey(Master(kOtherMasterHex), kTenantA));
  EXPECT_NE(DeriveTenantLookupKey(master, kTenantA).value(),
            DeriveTenantLookupKey(master, kTenantB).value());
}

TEST(KeyDerivationTest, RejectsAnEmptyTenantId) {
  EXPECT_EQ(DeriveTenantKey(Master(), "").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(DeriveTenantLookupKey(Master(), "").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(DataKeyTest, NewDataKeysAreFreshAndFullSize) {
  const std::string first = NewDataKey().value();
  EXPECT_EQ(first.size(), kDataKeySize);
  EXPECT_NE(first, NewDataKey().value());
}

TEST(DataKeyTest, WrapsAndUnwraps) {
  const std::string tenant_key = TenantKey(Master(), kTenantA);
  const std::string data_key = NewDataKey().value();
  const std::string wrapped = WrapDataKey(tenant_key, data_key, "subject:7").value();
  EXPECT_EQ(wrapped.find(data_key), std::string::npos);
  absl::StatusOr<std::string> unwrapped = UnwrapDataKey(tenant_key, wrapped, "subject:7");
  ASSERT_TRUE(unwrapped.ok()) << unwrapped.status();
  EXPECT_EQ(*unwrapped, data_key);
}

TEST(DataKeyTest, OnlyTheOwningTenantAndSubjectUnwrap) {
  const MasterKey master = Master();
  const std::string wrapped =
      WrapDataKey(TenantKey(master, kTenantA), NewDataKey().value(), "subject:7").value();
  EXPECT_EQ(UnwrapDataKey(TenantKey(master, kTenantB), wrapped, "subject:7").status().code(),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(UnwrapDataKey(TenantKey(master, kTenantA), wrapped, "subject:8").status().code(),
            absl::StatusCode::kDataLoss);
}

TEST(DataKeyTest, RejectsKeysOfTheWrongSize) {
  const std::string tenant_key = TenantKey(Master(), kTenantA);
  EXPECT_EQ(WrapDataKey(tenant_key, "short", "").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(WrapDataKey("short", NewDataKey().value(), "").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(DataKeyTest, AWrappedNonKeyIsDataLoss) {
  const std::string tenant_key = TenantKey(Master(), kTenantA);
  const std::string sealed_text = Seal(tenant_key, "not a key", "subject:7").value();
  EXPECT_EQ(UnwrapDataKey(tenant_key, sealed_text, "subject:7").status().code(),
            absl::StatusCode::kDataLoss);
}

TEST(CryptoShreddingTest, DataSealedUnderADestroyedDataKeyStaysSealed) {
  const MasterKey master = Master();
  const std::string tenant_key = TenantKey(master, kTenantA);
  std::string data_key = NewDataKey().value();
  std::string wrapped = WrapDataKey(tenant_key, data_key, "subject:7").value();
  const std::string record = Seal(data_key, "jane@example.com", "respondent:7/email").value();

  // While the wrapped data key exists, the hierarchy opens the record.
  const std::string recovered = UnwrapDataKey(tenant_key, wrapped, "subject:7").value();
  EXPECT_EQ(Open(recovered, record, "respondent:7/email").value(), "jane@example.com");

  // Erasure destroys the data key; no key that remains opens the record.
  data_key.clear();
  wrapped.clear();
  for (const std::string& key :
       {tenant_key, master.bytes(), DeriveTenantLookupKey(master, kTenantA).value(),
        NewDataKey().value()}) {
    EXPECT_EQ(Open(key, record, "respondent:7/email").status().code(), absl::StatusCode::kDataLoss);
  }
  EXPECT_EQ(UnwrapDataKey(tenant_key, wrapped, "subject:7").status().code(),
            absl::StatusCode::kDataLoss);
}

TEST(RotationTest, RewrappingMovesDataKeysToTheNewMasterWithoutReencryptingData) {
  const MasterKey old_master = Master();
  const MasterKey new_master = Master(kOtherMasterHex);
  ASSERT_NE(old_master.key_id(), new_master.key_id());
  const std::string data_key = NewDataKey().value();
  const std::string record = Seal(data_key, "comment", "response:1").value();
  const std::string old_wrapped =
      WrapDataKey(TenantKey(old_master, kTenantA), data_key, "subject:7").value();

  const std::string new_wrapped =
      WrapDataKey(TenantKey(new_master, kTenantA),
                  UnwrapDataKey(TenantKey(old_master, kTenantA), old_wrapped, "subject:7").value(),
                  "subject:7")
          .value();

  const std::string unwrapped =
      UnwrapDataKey(TenantKey(new_master, kTenantA), new_wrapped, "subject:7").value();
  EXPECT_EQ(Open(unwrapped, record, "response:1").value(), "comment");
  EXPECT_EQ(
      UnwrapDataKey(TenantKey(new_master, kTenantA), old_wrapped, "subject:7").status().code(),
      absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace npsd::crypto
