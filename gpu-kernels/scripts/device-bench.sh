#!/usr/bin/env bash
# The GPU checks and figures of gpu-kernels in one call to the lent GPU machine (see ../shared/device/README.md).
#
#   here (project root):   gpu-kernels/scripts/device-bench.sh pack
#                          (builds gpu-kernels with nvcc so the cubin/PTX kernels are packaged, then packs .device/
#                          as ../shared/device/pack.sh does, for gpu-kernels alone)
#   device tool:           run  carry=[".device"]  timeout_s=540
#                          command="bash gpu-kernels/scripts/device-bench.sh run"
#
# "run" writes everything under $OUT (default ./device-out): info.txt, junit-*/ (XML reports), *.log, and the bench
# JSON files bench-*.json. (run.sh scans the classpath, so classes are chosen with --include-classname filters:
# JUnit's console launcher refuses --select-class together with --scan-classpath.) Each step has its own time limit and a failing step does not stop the others; the last
# lines printed are a summary (also in $OUT/summary.txt). About 5 minutes on an H100 once the machine is up; the
# steps run in order of value, so a call cut short still brings back the tests and the main figures.
set -uo pipefail
root=$(git rev-parse --show-toplevel 2>/dev/null || pwd)
cd "$root"
mode=${1:-}

case "$mode" in
  pack)
    # Like ../shared/device/pack.sh (same .device/ layout and run.sh), but only gpu-kernels and its dependencies:
    # the whole reactor's test classpath (selenium, vert.x, ...) does not fit the 64 MiB a device call carries.
    # It also works from a git worktree and with Debian's Maven, whose "-q help:evaluate" output carries ANSI
    # escapes that spoil pack.sh's groupId exclusion.
    set -e
    [ -n "${SKIP_BUILD:-}" ] || mvn -q -B -o -pl gpu-kernels -DskipTests package
    ls gpu-kernels/target/classes/cathnav/gpu/cuda/*.cubin >/dev/null 2>&1 || {
      echo "no CUDA kernels in gpu-kernels/target/classes: nvcc missing? (-Dcathnav.nvcc=PATH)" >&2; exit 1; }
    rm -rf .device; mkdir -p .device/lib .device/classes
    cp -r gpu-kernels/target/classes .device/classes/gpu-kernels-classes
    cp -r gpu-kernels/target/test-classes .device/classes/gpu-kernels-test-classes
    mvn -q -B -pl gpu-kernels dependency:copy-dependencies -DincludeScope=test -DoutputDirectory="$root/.device/lib"
    mvn -q -B dependency:copy -Dartifact=org.junit.platform:junit-platform-console-standalone:1.11.4 \
      -DoutputDirectory="$root/.device"
    cache=${XDG_CACHE_HOME:-$HOME/.cache}/cathnav-device; mkdir -p "$cache"
    base=java.base,java.logging,java.management,jdk.unsupported,java.naming,java.xml,jdk.crypto.ec,java.net.http,jdk.management,java.sql,jdk.zipfs
    found=$(jdeps --ignore-missing-deps --print-module-deps --multi-release 17 .device/classes/* 2>/dev/null | tail -1 || true)
    mods=$(echo "$base,${found:-}" | tr ',' '\n' | grep -v '^$' | sort -u | paste -sd, -)
    key=$(echo "$mods $(java -version 2>&1 | head -1)" | sha1sum | cut -c1-12)
    if [ ! -f "$cache/jre-$key.tgz" ]; then
      rm -rf "$cache/jre"
      jlink --add-modules "$mods" --strip-debug --no-man-pages --no-header-files --compress=2 --output "$cache/jre"
      tar czf "$cache/jre-$key.tgz" -C "$cache" jre; rm -rf "$cache/jre"
    fi
    cp "$cache/jre-$key.tgz" .device/jre.tgz
    cp -L /usr/lib/x86_64-linux-gnu/libOpenCL.so.1 .device/
    cp ../shared/device/run.sh .device/run.sh; chmod +x .device/run.sh
    echo "packed .device: $(du -sm .device | cut -f1) MiB (gpu-kernels only; modules: $mods)"
    ;;
  run)
    out=${OUT:-$root/device-out}
    mkdir -p "$out"
    : >"$out/summary.txt"
    summary=()
    step() { # name, seconds, command...
      local name=$1 limit=$2; shift 2
      local start=$SECONDS
      timeout "$limit" "$@" >"$out/$name.log" 2>&1
      local rc=$?
      summary+=("$(printf '%-28s rc=%-3s %4ss' "$name" "$rc" "$((SECONDS - start))")")
      printf '%s\n' "${summary[-1]}" >>"$out/summary.txt"
      tail -5 "$out/$name.log"
    }
    bench() { # name, JVM options, DrrBench options...
      local name=$1 opts=$2; shift 2
      JAVA_OPTS="$opts" step "bench-$name" 150 bash .device/run.sh main cathnav.gpu.bench.DrrBench \
        --json "$out/bench-$name.json" "$@"
    }
    bash .device/run.sh info >"$out/info.txt" 2>&1; cat "$out/info.txt"
    # ordered by value, so that a call cut short by its time limit still brings back the main figures
    # 1. the gpu-tagged tests: CudaBackendTest (every volume mode vs float64, launch counts, batch of 64, 512^3 int16)
    step junit-gpu 150 bash .device/run.sh test --include-tag=gpu --reports-dir="$out/junit-gpu"
    # 2. speed of the default paths: cuda texture (256^3 and 512^3 int16), NVIDIA OpenCL buffer
    bench cuda-texture "-Dcathnav.cuda.volume=texture" --backend cuda --volume 256,512 --detector 256,512,1024 \
      --batch 64
    bench opencl "" --backend opencl --volume 256,512 --detector 256,512 --batch 64
    # 3. the shared backend suite on cuda (exact path, 1e-4) and NVIDIA OpenCL, java as the comparison
    JAVA_OPTS="-Dcathnav.test.backends=java,opencl,cuda -Dcathnav.cuda.volume=exact" \
      step junit-suite-exact 150 bash .device/run.sh test --reports-dir="$out/junit-suite-exact" \
      --include-classname='cathnav[.]gpu[.](DrrAccuracy|DrrGeometry|PoseScoring|ImageOperations|BackendAgreement)Test'
    # 4. the other paths' speed: uint16 and exact volumes, gradient correlation, OpenCL images
    bench cuda-texture16 "-Dcathnav.cuda.volume=texture16" --backend cuda --volume 256,512 --detector 256,512 \
      --batch 64
    bench cuda-exact "-Dcathnav.cuda.volume=exact" --backend cuda --volume 256 --detector 256,512 --batch 64
    bench cuda-texture-gc "-Dcathnav.cuda.volume=texture" --backend cuda --volume 256 --detector 256,512 \
      --batch 64 --metric GRADIENT_CORRELATION
    bench opencl-image "-Dcathnav.opencl.volume=image" --backend opencl --volume 256,512 --detector 256,512 --batch 64
    # 5. the suite on the texture paths: cuda's default texture, NVIDIA OpenCL images (Tolerances.TEXTURE_FILTERING)
    JAVA_OPTS="-Dcathnav.test.backends=java,opencl,cuda -Dcathnav.cuda.volume=texture -Dcathnav.opencl.volume=image" \
      step junit-suite-texture 120 bash .device/run.sh test --reports-dir="$out/junit-suite-texture" \
      --include-classname='cathnav[.]gpu[.](DrrAccuracy|PoseScoring)Test'
    echo "== summary (logs, JUnit XML and bench JSON in $out)"
    printf '%s\n' "${summary[@]}"
    ;;
  *)
    echo "usage: gpu-kernels/scripts/device-bench.sh pack|run" >&2
    exit 2
    ;;
esac
