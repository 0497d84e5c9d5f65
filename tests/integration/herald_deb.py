"""The Debian package built from the tree, for the packaging tests.

build_deb() configures BUILD_DIR/deb for /usr and runs CPack's `package`
target, as `make package` does in build-deb. test_package and
test_package_systemd both need it and ctest runs them in parallel, so the
build holds an exclusive lock: the second test waits, and its build is then
an up-to-date no-op."""
import fcntl
import os
import subprocess

from herald_client import SOURCE_DIR

BUILD_DIR = os.environ.get("HERALD_BUILD_DIR", "build")


def run(*cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout


def build_deb():
    """Path of BUILD_DIR/deb/herald_VERSION_ARCH.deb, built now."""
    build = os.path.join(BUILD_DIR, "deb")
    os.makedirs(build, exist_ok=True)
    with open(os.path.join(BUILD_DIR, "deb.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        run("cmake", "-S", SOURCE_DIR, "-B", build, "-DCMAKE_INSTALL_PREFIX=/usr",
            "-DCMAKE_BUILD_TYPE=RelWithDebInfo", "-DHERALD_BUILD_TESTS=OFF", "-DHERALD_BUILD_BENCH=OFF")
        run("cmake", "--build", build, "-j2", "--target", "package")
    debs = [f for f in os.listdir(build) if f.endswith(".deb")]
    assert len(debs) == 1, debs
    return os.path.join(build, debs[0])


def control_field(deb, field):
    return run("dpkg-deb", "-f", deb, field).strip()


def package_names(relation):
    """The package names in a Depends/Recommends value, first of each
    alternative, without versions or architecture qualifiers."""
    names = []
    for item in relation.split(","):
        item = item.split("|")[0].strip()
        if item:
            names.append(item.split()[0].split("(")[0].split(":")[0])
    return names
