using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;
using ConsensusSim.Benchmarks;

// Run all: dotnet run -c Release --project benchmarks/ConsensusSim.Benchmarks -- --filter '*'
// Smoke (CI): add --job dry
// Issue 20's ratios with every class run in turn in one process: --interleaved (InterleavedRatios)
if (InterleavedRatios.Requested(args))
{
    return InterleavedRatios.Run(args);
}

// How close to its floor any vote could bring the reference trial: --vote-bound (VoteLowerBound)
if (VoteLowerBound.Requested(args))
{
    return VoteLowerBound.Run(args);
}

var config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default);
var summaries = BenchmarkSwitcher.FromAssembly(typeof(SingleRoundBenchmarks).Assembly).Run(args, config);
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
