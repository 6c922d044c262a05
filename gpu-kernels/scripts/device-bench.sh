#!/usr/bin/env bash
# The GPU checks and figures of gpu-kernels in one call to the lent GPU machine (see ../shared/device/README.md).
#
#   here (project root):   gpu-kernels/scripts/device-bench.sh pack
#                          (builds the project with nvcc so the cubin/PTX kernels are packaged, then packs .device/
#                          as ../shared/device/pack.sh does: gpu-kernels' classes and test classes, the application's
#                          runtime jars, the real CT from ../shared/data/ct and the meshes, a jlink Java runtime; about 53 MiB)
#   device tool:           run  carry=[".device"]  timeout_s=420
#                          command="bash gpu-kernels/scripts/device-bench.sh run"
#                          (STEPS=a,b,... runs only those steps; CASES= registration cases; MINUTES= e2e length)
#
# "run" packs its logs, JUnit XML reports, bench JSON and plots into $OUT/results.tgz (the tool brings back at most 8
# files) and prints a summary. Steps: junit-gpu (the tests tagged gpu), heart-cuda (nav-core's GPU heart-mode tracker
# test on the real CT), cuda-texture (DrrBench), registration-cuda
# (bench registration on the real CT), e2e-cuda-steady and e2e-cuda (bench e2e at 30 fps 1024x1024, C-arm still and
# with a move), demo-cuda (the 75 s demo on CUDA), opencl (NVIDIA OpenCL DrrBench), suite-exact (the backend suite on java, opencl and cuda). Each step
# has its own time limit and a failing step does not stop the others; they run in order of value, so a call cut
# short still brings back the main figures. About 3 minutes on an H200 once the machine is up (2026-11-27).
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
    # The application (nav-core, igt-bridge, simulator and their runtime jars), so that the registration and
    # end-to-end benches run there too: jars already in .device/lib are not copied twice.
    if [ -z "${NO_APP:-}" ]; then
      [ -n "${SKIP_BUILD:-}" ] || mvn -q -B -o -DskipTests package
      for jar in simulator/target/lib/*.jar simulator/target/simulator-*[0-9T].jar; do
        name=$(basename "$jar")
        case "$name" in gpu-kernels-*) continue ;; esac
        [ -e ".device/lib/$name" ] || cp "$jar" .device/lib/
      done
      mkdir -p .device/data && cp -r ../shared/data/ct .device/data/
      # the heart meshes the demo fits to the CT (14 MiB of STL/VTK, 3 MiB as xz), unpacked by "run"
      tar cJf .device/meshes.txz -C ../shared/data meshes
      # nav-core's test classes for the GPU heart-mode test (step heart-cuda), kept out of .device/classes so that
      # the junit-gpu step's classpath scan stays on gpu-kernels (about 1.3 MiB)
      rm -rf .device/nav-core-test-classes && cp -r nav-core/target/test-classes .device/nav-core-test-classes
    fi
    cache=${XDG_CACHE_HOME:-$HOME/.cache}/cathnav-device; mkdir -p "$cache"
    base=java.base,java.logging,java.management,jdk.unsupported,java.naming,java.xml,jdk.crypto.ec,java.net.http,jdk.management,java.sql,jdk.zipfs
    found=$(jdeps --ignore-missing-deps --print-module-deps --multi-release 17 -cp '.device/lib/*' .device/classes/* \
      .device/lib/*.jar 2>/dev/null | tail -1 || true)
    mods=$(echo "$base,${found:-}" | tr ',' '\n' | grep -v '^$' | sort -u | paste -sd, -)
    # xz over an uncompressed image is about half the size of jlink's own compression, which matters under the
    # 64 MiB a device call carries
    key=$(echo "$mods $(java -version 2>&1 | head -1)" | sha1sum | cut -c1-12)
    if [ ! -f "$cache/jre-$key.txz" ]; then
      rm -rf "$cache/jre"
      jlink --add-modules "$mods" --strip-debug --no-man-pages --no-header-files --compress=0 --output "$cache/jre"
      tar cJf "$cache/jre-$key.txz" -C "$cache" jre; rm -rf "$cache/jre"
    fi
    rm -f .device/jre.tgz; cp "$cache/jre-$key.txz" .device/jre.txz
    cp -L /usr/lib/x86_64-linux-gnu/libOpenCL.so.1 .device/
    sed 's|tar xzf "$d/jre.tgz"|tar xJf "$d/jre.txz"|' ../shared/device/run.sh >.device/run.sh; chmod +x .device/run.sh
    grep -q 'jre.txz' .device/run.sh || { echo "run.sh no longer unpacks jre.tgz as expected" >&2; exit 1; }
    echo "packed .device: $(du -sm .device | cut -f1) MiB (modules: $mods)"
    ;;
  run)
    # The device tool brings back at most 8 files from $OUT: everything is written under $work and packed into
    # $OUT/results.tgz after every step, so a call cut short still brings back what was done.
    out=${OUT:-$root/device-out}
    work=${DEVICE_WORK:-/tmp/cathnav-device-out}
    rm -rf "$work"; mkdir -p "$out" "$work"
    : >"$work/summary.txt"
    only=${STEPS:-junit-gpu,heart-cuda,cuda-texture,registration-cuda,e2e-cuda-steady,e2e-cuda,demo-cuda,opencl,suite-exact}
    step() { # name, seconds, command...
      local name=$1 limit=$2; shift 2
      case ",$only," in *",$name,"*) ;; *) return 0 ;; esac
      local start=$SECONDS
      timeout "$limit" "$@" >"$work/$name.log" 2>&1
      local rc=$?
      printf '%-22s rc=%-3s %4ss\n' "$name" "$rc" "$((SECONDS - start))" | tee -a "$work/summary.txt"
      tail -25 "$work/$name.log"
      tar czf "$out/results.tgz" -C "$work" . ; cp "$work/summary.txt" "$out/summary.txt"
    }
    app() { # name, seconds, cathnav arguments... (the application's command line, as ./cathnav runs it)
      local name=$1 limit=$2; shift 2
      JAVA_OPTS="-Xmx16g -Dcathnav.shared.data=$root/.device/data" \
        step "$name" "$limit" bash .device/run.sh main cathnav.sim.cli.CathNavCommand "$@"
    }
    bash .device/run.sh info >"$work/info.txt" 2>&1; cat "$work/info.txt"; nproc
    [ ! -f .device/meshes.txz ] || [ -d .device/data/meshes ] || tar xJf .device/meshes.txz -C .device/data
    # ordered by value, so that a call cut short by its time limit still brings back the main figures
    # 1. the gpu-tagged tests: CudaBackendTest (every volume mode vs float64, launch counts, batch of 64, 512^3 int16)
    step junit-gpu 100 bash .device/run.sh test --include-tag=gpu --reports-dir="$work/junit-gpu"
    # 1b. GPU heart mode (issue 5): the tracker opened on cuda with the real CT's heart region follows a breathing
    #     heart to TRACKING within 2 mm (nav-core's CudaHeartModeTrackerTest, tag gpu; the JRE is unpacked by info)
    if [ -d .device/nav-core-test-classes ]; then
      step heart-cuda 90 /tmp/cathnav-jre/bin/java -Dcathnav.shared.data="$root/.device/data" \
        -jar .device/junit-platform-console-standalone-*.jar execute --disable-banner --details=tree \
        -cp "$(ls -d .device/classes/* .device/nav-core-test-classes .device/lib/*.jar | paste -sd: -)" \
        --select-class cathnav.core.tracking.CudaHeartModeTrackerTest --reports-dir="$work/junit-heart-cuda"
    fi
    # 2. DRR and pose-score speed on the default CUDA path (hardware trilinear texture)
    JAVA_OPTS="-Dcathnav.cuda.volume=texture" step cuda-texture 80 bash .device/run.sh main \
      cathnav.gpu.bench.DrrBench --json "$work/bench-cuda-texture.json" --backend cuda --volume 256,512 \
      --detector 256,512,1024 --batch 64
    # 3. full registration on CUDA over the real CT (issue 5: < 50 ms), then the service end to end (issue 6:
    #    p99 < 20 ms at 30 fps 1024x1024)
    app registration-cuda 130 bench registration --backend cuda --cases ${CASES:-40} \
      --json "$work/bench-registration-cuda.json" --plot "$work/registration-cuda.png"
    app e2e-cuda-steady 100 bench e2e --steady --backend cuda --fps 30 --size 1024 --minutes ${MINUTES:-1} \
      --json "$work/bench-e2e-cuda-steady.json" --plot "$work/e2e-cuda-steady.png"
    app e2e-cuda 100 bench e2e --backend cuda --fps 30 --size 1024 --minutes ${MINUTES:-1} \
      --json "$work/bench-e2e-cuda.json" --plot "$work/e2e-cuda.png"
    # 4. the demo on CUDA (real CT, fitted meshes, C-arm move): states, and the largest error among TRACKING frames
    app demo-cuda 150 demo --headless --duration 75 --backend cuda
    # 5. NVIDIA OpenCL speed, and the shared backend suite on cuda's exact path and NVIDIA OpenCL (java compares)
    step opencl 60 bash .device/run.sh main cathnav.gpu.bench.DrrBench --json "$work/bench-opencl.json" \
      --backend opencl --volume 256,512 --detector 256,512 --batch 64
    JAVA_OPTS="-Dcathnav.test.backends=java,opencl,cuda -Dcathnav.cuda.volume=exact" \
      step suite-exact 90 bash .device/run.sh test --reports-dir="$work/junit-suite-exact" \
      --include-classname='cathnav[.]gpu[.](DrrAccuracy|DrrGeometry|PoseScoring|ImageOperations|BackendAgreement)Test'
    echo "== summary (logs, JUnit XML, bench JSON and plots in $out/results.tgz)"
    cat "$work/summary.txt"
    ;;
  *)
    echo "usage: gpu-kernels/scripts/device-bench.sh pack|run" >&2
    exit 2
    ;;
esac
