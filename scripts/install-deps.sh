#!/usr/bin/env bash
# Installs what kevo needs to build and test on Debian 12, by package name only.
# Idempotent: packages already present are skipped, so running it twice is cheap.
set -euo pipefail

packages=(
  build-essential cmake g++ pkg-config
  libyaml-cpp-dev libboost-program-options-dev libsqlite3-dev nlohmann-json3-dev
  libboost-dev           # Asio and Beast: the scripted chat endpoint of the LLM tests
  libcurl4-openssl-dev   # header only at build time; libcurl is loaded at run time
  catch2
  openmpi-bin libopenmpi-dev   # distributed campaigns: one rank per device
  clang libclang-rt-14-dev   # libFuzzer targets
  python3-matplotlib python3-scipy   # kevo experiment: plots and significance tests (for /usr/bin/python3)
  libamdhip64-5 libhiprtc-builtins5 rocm-device-libs   # hiprtc: HIP kernels compile for AMD targets (no AMD GPU needed)
  libamdhip64-dev   # hip_runtime_api.h: the HIP runner's constants are checked against it
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
