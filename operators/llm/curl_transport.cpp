#include "operators/llm/curl_transport.hpp"

#include <curl/curl.h>
#include <dlfcn.h>

#include <cctype>
#include <cstdlib>
#include <mutex>

#include "operators/llm/llm_error.hpp"

namespace kevo::operators::llm {

// The libcurl entry points kevo uses, with curl.h's signatures.
struct CurlApi {
  void* library = nullptr;
  CURLcode (*global_init)(long) = nullptr;
  CURL* (*easy_init)() = nullptr;
  CURLcode (*easy_setopt)(CURL*, CURLoption, ...) = nullptr;
  CURLcode (*easy_perform)(CURL*) = nullptr;
  CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...) = nullptr;
  void (*easy_cleanup)(CURL*) = nullptr;
  const char* (*easy_strerror)(CURLcode) = nullptr;
  curl_slist* (*slist_append)(curl_slist*, const char*) = nullptr;
  void (*slist_free_all)(curl_slist*) = nullptr;
};

namespace {

template <typename F>
void bind(void* library, F& slot, const char* name) {
  slot = reinterpret_cast<F>(dlsym(library, name));
  if (slot == nullptr) {
    throw LlmError(LlmFailure::network, "libcurl", std::string("libcurl.so.4 lacks ") + name);
  }
}

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

// Keeps Retry-After when it is given in seconds; an HTTP date is ignored
// (the client's own backoff then applies).
std::size_t read_header(char* data, std::size_t size, std::size_t count, void* out) {
  const std::string line(data, size * count);
  constexpr std::string_view kName = "retry-after:";
  if (line.size() > kName.size()) {
    std::string head = line.substr(0, kName.size());
    for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (head == kName) {
      char* end = nullptr;
      const double seconds = std::strtod(line.c_str() + kName.size(), &end);
      if (end != line.c_str() + kName.size() && seconds >= 0) *static_cast<std::optional<double>*>(out) = seconds;
    }
  }
  return size * count;
}

}  // namespace

CurlTransport::CurlTransport() : api_(std::make_unique<CurlApi>()) {
  CurlApi& api = *api_;
  api.library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
  if (api.library == nullptr) {
    throw LlmError(LlmFailure::network, "libcurl",
                   "cannot load libcurl.so.4 (install libcurl4, e.g. apt-get install libcurl4): " +
                       std::string(dlerror()));
  }
  bind(api.library, api.global_init, "curl_global_init");
  bind(api.library, api.easy_init, "curl_easy_init");
  bind(api.library, api.easy_setopt, "curl_easy_setopt");
  bind(api.library, api.easy_perform, "curl_easy_perform");
  bind(api.library, api.easy_getinfo, "curl_easy_getinfo");
  bind(api.library, api.easy_cleanup, "curl_easy_cleanup");
  bind(api.library, api.easy_strerror, "curl_easy_strerror");
  bind(api.library, api.slist_append, "curl_slist_append");
  bind(api.library, api.slist_free_all, "curl_slist_free_all");
  // curl_global_init is not thread-safe; once per process is enough.
  static std::once_flag initialised;
  std::call_once(initialised, [&] { api.global_init(CURL_GLOBAL_DEFAULT); });
}

CurlTransport::~CurlTransport() = default;  // the library stays loaded: curl's globals live in it

HttpResponse CurlTransport::post(const HttpRequest& request, const std::string& endpoint) {
  const CurlApi& api = *api_;
  CURL* handle = api.easy_init();
  if (handle == nullptr) throw LlmError(LlmFailure::network, endpoint, "curl_easy_init failed");
  curl_slist* headers = nullptr;
  for (const std::string& header : request.headers) headers = api.slist_append(headers, header.c_str());
  HttpResponse response;
  api.easy_setopt(handle, CURLOPT_URL, request.url.c_str());
  api.easy_setopt(handle, CURLOPT_HTTPHEADER, headers);
  api.easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.c_str());
  api.easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  api.easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout_seconds * 1000));
  api.easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);  // threads: no SIGALRM for DNS timeouts
  api.easy_setopt(handle, CURLOPT_WRITEFUNCTION, &append_body);
  api.easy_setopt(handle, CURLOPT_WRITEDATA, &response.body);
  api.easy_setopt(handle, CURLOPT_HEADERFUNCTION, &read_header);
  api.easy_setopt(handle, CURLOPT_HEADERDATA, &response.retry_after_seconds);
  const CURLcode code = api.easy_perform(handle);
  if (code == CURLE_OK) api.easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &response.status);
  api.slist_free_all(headers);
  api.easy_cleanup(handle);
  if (code == CURLE_OPERATION_TIMEDOUT) {
    throw LlmError(LlmFailure::timeout, endpoint,
                   "no complete reply within " + std::to_string(request.timeout_seconds) + " s from " + request.url);
  }
  if (code != CURLE_OK) {
    throw LlmError(LlmFailure::network, endpoint, std::string(api.easy_strerror(code)) + " (" + request.url + ")");
  }
  return response;
}

}  // namespace kevo::operators::llm
