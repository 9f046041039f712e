# Sourced by the benchmark scripts: installs what is missing, builds without tests, and prints the machine and date
# that BENCHMARKS.md quotes with every result.
./noko setup
./noko maven -q -DskipTests install
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), $(java -version 2>&1 | head -n 1)"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
