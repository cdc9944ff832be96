#pragma once
// CurlTransport: HttpTransport over libcurl, loaded at run time with dlopen
// (libcurl.so.4), so kevo starts where libcurl is missing and only a campaign
// that uses an LLM endpoint needs it. curl/curl.h supplies the ABI at build
// time (libcurl4-openssl-dev).
#include <memory>

#include "operators/llm/http_transport.hpp"

namespace kevo::operators::llm {

struct CurlApi;

class CurlTransport final : public HttpTransport {
 public:
  // Throws LlmError(network) saying what to install when libcurl cannot be loaded.
  CurlTransport();
  ~CurlTransport() override;
  HttpResponse post(const HttpRequest& request, const std::string& endpoint) override;

 private:
  std::unique_ptr<CurlApi> api_;
};

}  // namespace kevo::operators::llm
