// test_certificates.h — a throwaway X.509 PKI made at test time with OpenSSL.
//
// For TLS and mTLS handshake tests: certificate authorities, a server certificate for
// 127.0.0.1 and localhost, and client certificates, all P-256 keys, in PEM:
//
//   TestCertificate ca = TestCertificate::Authority("npsd test CA");
//   TestCertificate server = TestCertificate::Server(ca);
//   TestCertificate client = TestCertificate::Client(ca, "app", absl::Hours(-48), absl::Hours(24));
#ifndef NPSD_TESTS_SUPPORT_TEST_CERTIFICATES_H_
#define NPSD_TESTS_SUPPORT_TEST_CERTIFICATES_H_

#include <string>

#include "absl/time/time.h"

namespace npsd::testing {

// TestCertificate is a certificate and its private key, both PEM.
struct TestCertificate {
  std::string certificate_pem;
  std::string private_key_pem;

  // Authority makes a self-signed CA certificate named `name`, valid for a day.
  static TestCertificate Authority(const std::string& name);

  // Server makes a server certificate for DNS:localhost and IP:127.0.0.1 signed by `ca`.
  static TestCertificate Server(const TestCertificate& ca);

  // Client makes a client certificate for `name` signed by `ca`, valid from
  // now + `not_before` to now + `not_after` (negative offsets lie in the past).
  static TestCertificate Client(const TestCertificate& ca, const std::string& name,
                                absl::Duration not_before = absl::Hours(-1),
                                absl::Duration not_after = absl::Hours(24));
};

}  // namespace npsd::testing

#endif  // NPSD_TESTS_SUPPORT_TEST_CERTIFICATES_H_
