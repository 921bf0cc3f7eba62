// test_certificates.cc — X.509 certificates built and signed with the OpenSSL API.
#include "tests/support/test_certificates.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

namespace npsd::testing {
namespace {

[[noreturn]] void Die(const char* what) {
  std::fprintf(stderr, "test_certificates: OpenSSL %s failed\n", what);
  std::abort();
}

using KeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using CertPtr = std::unique_ptr<X509, decltype(&X509_free)>;
using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;

// Extension is one X.509v3 extension in OpenSSL's configuration syntax.
struct Extension {
  int nid;
  const char* value;
};

KeyPtr NewKey() {
  KeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"), EVP_PKEY_free);
  if (key == nullptr) Die("EC key generation");
  return key;
}

std::string BioText(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(size));
}

std::string KeyPem(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()), BIO_free);
  if (PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) Die("key PEM");
  return BioText(bio.get());
}

std::string CertPem(X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()), BIO_free);
  if (PEM_write_bio_X509(bio.get(), cert) != 1) Die("certificate PEM");
  return BioText(bio.get());
}

KeyPtr ReadKey(const std::string& pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  KeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
  if (key == nullptr) Die("reading a key");
  return key;
}

CertPtr ReadCert(const std::string& pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  CertPtr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), X509_free);
  if (cert == nullptr) Die("reading a certificate");
  return cert;
}

void AddExtensions(X509* cert, X509* issuer, const std::vector<Extension>& extensions) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  for (const Extension& extension : extensions) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, extension.nid, extension.value);
    if (ext == nullptr || X509_add_ext(cert, ext, -1) != 1) Die("adding an extension");
    X509_EXTENSION_free(ext);
  }
}

// Issue builds a certificate for `name` and `key`, signed by `issuer` with
// `issuer_key` (self-signed when `issuer` is null).
TestCertificate Issue(const std::string& name, KeyPtr key, X509* issuer, EVP_PKEY* issuer_key,
                      absl::Duration not_before, absl::Duration not_after,
                      const std::vector<Extension>& extensions) {
  static std::atomic<long> serial{1};
  CertPtr cert(X509_new(), X509_free);
  X509_NAME* subject = X509_NAME_new();
  if (cert == nullptr || subject == nullptr || X509_set_version(cert.get(), 2) != 1 ||
      ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial++) != 1 ||
      X509_gmtime_adj(X509_getm_notBefore(cert.get()), absl::ToInt64Seconds(not_before)) == nullptr ||
      X509_gmtime_adj(X509_getm_notAfter(cert.get()), absl::ToInt64Seconds(not_after)) == nullptr ||
      X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_ASC,
                                 reinterpret_cast<const unsigned char*>(name.c_str()), -1, -1, 0) != 1 ||
      X509_set_subject_name(cert.get(), subject) != 1 ||
      X509_set_issuer_name(cert.get(), issuer != nullptr ? X509_get_subject_name(issuer) : subject) != 1 ||
      X509_set_pubkey(cert.get(), key.get()) != 1) {
    Die("building a certificate");
  }
  X509_NAME_free(subject);
  AddExtensions(cert.get(), issuer != nullptr ? issuer : cert.get(), extensions);
  if (X509_sign(cert.get(), issuer_key != nullptr ? issuer_key : key.get(), EVP_sha256()) <= 0) Die("signing");
  return TestCertificate{CertPem(cert.get()), KeyPem(key.get())};
}

TestCertificate IssueLeaf(const TestCertificate& ca, const std::string& name, absl::Duration not_before,
                          absl::Duration not_after, const std::vector<Extension>& extensions) {
  CertPtr issuer = ReadCert(ca.certificate_pem);
  KeyPtr issuer_key = ReadKey(ca.private_key_pem);
  return Issue(name, NewKey(), issuer.get(), issuer_key.get(), not_before, not_after, extensions);
}

}  // namespace

TestCertificate TestCertificate::Authority(const std::string& name) {
  return Issue(name, NewKey(), nullptr, nullptr, absl::Hours(-1), absl::Hours(24),
               {{NID_basic_constraints, "critical,CA:TRUE"},
                {NID_key_usage, "critical,keyCertSign,cRLSign"},
                {NID_subject_key_identifier, "hash"}});
}

TestCertificate TestCertificate::Server(const TestCertificate& ca) {
  return IssueLeaf(ca, "localhost", absl::Hours(-1), absl::Hours(24),
                   {{NID_basic_constraints, "critical,CA:FALSE"},
                    {NID_key_usage, "critical,digitalSignature"},
                    {NID_ext_key_usage, "serverAuth"},
                    {NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1"},
                    {NID_authority_key_identifier, "keyid:always"}});
}

TestCertificate TestCertificate::Client(const TestCertificate& ca, const std::string& name,
                                        absl::Duration not_before, absl::Duration not_after) {
  return IssueLeaf(ca, name, not_before, not_after,
                   {{NID_basic_constraints, "critical,CA:FALSE"},
                    {NID_key_usage, "critical,digitalSignature"},
                    {NID_ext_key_usage, "clientAuth"},
                    {NID_authority_key_identifier, "keyid:always"}});
}

}  // namespace npsd::testing
