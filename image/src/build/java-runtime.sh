#!/usr/bin/env bash
# Builds the root filesystem that the offline image adds on top of the empty `scratch` base: a Java
# runtime made with jlink from the JDK that runs the build, the glibc files that runtime loads, and the
# few files under /etc and /tmp a JVM expects. A registry base image (eclipse-temurin) brings all of
# this itself, which is why only the offline build runs this script.
#
# Usage: java-runtime.sh JDK_HOME OUTPUT_DIR MODULE[,MODULE...] UID:GID
set -euo pipefail

jdk_home=$1
root=$2
modules=$3
user=$4
runtime=/opt/java/openjdk
stamp="${root%/}.fingerprint"

# jlink takes a while; the result only depends on the JDK, the modules, the user and this script.
fingerprint="$("$jdk_home/bin/java" -version 2>&1 | tr '\n' ' ') $modules $user $(sha256sum "$0" | cut -c1-64)"
if [ -f "$stamp" ] && [ -d "$root" ] && [ "$(cat "$stamp")" = "$fingerprint" ]; then
  echo "Java runtime for the image is up to date: $root"
  exit 0
fi

if [ ! -d "$jdk_home/jmods" ]; then
  echo "$jdk_home has no jmods directory, which jlink needs (Debian: openjdk-17-jdk-headless has it)" >&2
  exit 1
fi

rm -rf "$root" "$stamp"
mkdir -p "$root"
"$jdk_home/bin/jlink" \
  --module-path "$jdk_home/jmods" \
  --add-modules "$modules" \
  --strip-debug --no-header-files --no-man-pages \
  --output "$root$runtime"

# The native libraries of java.desktop's graphics and sound: a headless server never loads them, and
# their X11, font and image libraries would double the size of the glibc part.
desktop_only='/lib(awt|awt_headless|awt_xawt|fontmanager|jawt|javajpeg|jsound|lcms|mlib_image|splashscreen)\.so$'

# The shared libraries the runtime's executables and libraries link against, from outside the runtime:
# glibc, libstdc++, zlib... Each is copied as a plain file (no symlinks) to the path the dynamic linker
# finds it at, the program interpreter (/lib64/ld-linux-x86-64.so.2) included.
missing=""
while read -r elf; do
  while read -r line; do
    case "$line" in
      *"=> not found"*)
        name=${line%% *}
        # Found at run time through the runtime's own directories (libjvm.so is loaded by path).
        if [ -z "$(find "$root$runtime" -name "$name" -print -quit)" ]; then
          missing="$missing $name(${elf#"$root"})"
        fi
        ;;
      *"=> /"*)
        path=${line#*=> }
        path=${path%% (*}
        case "$path" in "$root"*) continue ;; esac
        mkdir -p "$root$(dirname "$path")"
        cp -L "$path" "$root$path"
        ;;
      /*)
        path=${line%% (*}
        mkdir -p "$root$(dirname "$path")"
        cp -L "$path" "$root$path"
        ;;
    esac
  done < <(ldd "$elf" 2>/dev/null || true)
done < <(find "$root$runtime" -type f \( -path '*/bin/*' -o -name '*.so' -o -name jspawnhelper \) | grep -Ev "$desktop_only")
if [ -n "$missing" ]; then
  echo "Shared libraries the Java runtime needs were not found:$missing" >&2
  exit 1
fi

# Who the user is (the JVM asks for user.name and user.home), and a /tmp for the JVM, Netty and
# Vert.x's file cache.
uid=${user%%:*}
gid=${user##*:}
mkdir -p "$root/etc" "$root/tmp"
cat > "$root/etc/passwd" <<EOF
root:x:0:0:root:/root:/sbin/nologin
shop:x:$uid:$gid:vertx-shop:/tmp:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
EOF
cat > "$root/etc/group" <<EOF
root:x:0:
shop:x:$gid:
nogroup:x:65534:
EOF
cat > "$root/etc/nsswitch.conf" <<EOF
passwd: files
group: files
hosts: files dns
EOF

echo "$fingerprint" > "$stamp"
echo "Java runtime for the image: $(du -sh "$root$runtime" | cut -f1) in $runtime, $(du -sh --exclude=opt "$root" | cut -f1) of glibc and /etc files"
