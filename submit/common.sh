# Shared by the submit/ scripts (sourced, with $root set): builds the jars when the sources are newer, and sets
# java_opts (Spark's JVM module options), the loopback address and the provenance commit.
jar="$root/jobs/target/calorimeter-jobs-0.1.0-SNAPSHOT.jar"
app_jar="$root/jobs/target/calorimeter-jobs-0.1.0-SNAPSHOT-app.jar"
cp_file="$root/jobs/target/classpath.txt"
stale=0
if [ ! -f "$jar" ] || [ ! -f "$app_jar" ] || [ ! -f "$cp_file" ]; then
  stale=1
elif [ -n "$(find "$root/pom.xml" "$root/core" "$root/jobs" -newer "$jar" \
        \( -name '*.java' -o -name 'pom.xml' -o -path '*/resources/*' \) -not -path '*/target/*' -print -quit)" ]; then
  stale=1
fi
if [ "$stale" = 1 ]; then
  command -v mvn >/dev/null || { echo "submit: Maven (mvn) is needed to build; install it first" >&2; exit 1; }
  echo "submit: building (mvn package, tests skipped; 'mvn -B verify' runs them)..." >&2
  (cd "$root" && mvn -B -q -DskipTests -pl jobs -am package dependency:build-classpath \
      -Dmdep.includeScope=compile -Dmdep.outputFile=target/classpath.txt) >&2
fi

mapfile -t java_opts < <(grep -v '^#' "$root/submit/java-options" | sed '/^$/d')
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
if [ -z "${CALORIMETER_GIT_COMMIT:-}" ] && git -C "$root" rev-parse HEAD >/dev/null 2>&1; then
  CALORIMETER_GIT_COMMIT="$(git -C "$root" rev-parse HEAD)"
  git -C "$root" diff --quiet HEAD -- core jobs pom.xml 2>/dev/null || CALORIMETER_GIT_COMMIT="$CALORIMETER_GIT_COMMIT-dirty"
  export CALORIMETER_GIT_COMMIT
fi

