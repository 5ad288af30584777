using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Sweeps;

namespace ConsensusSim.Tests.Sweeps;

/// <summary>A small scenario file to vary and ways to compare rows.</summary>
internal static class SweepFixtures
{
    public static ScenarioTemplate Template { get; } =
        ScenarioTemplate.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "scenarios", "counter-terrorism-pc.json")), "counter-terrorism-pc.json");

    /// <summary>Six points: tension 0, 0.5, 1 for two topics.</summary>
    public static SweepDesign Grid { get; } = SweepDesign.FullGrid(
    [
        new SweepParameter("tension", ["0", "0.5", "1"]),
        new SweepParameter("topic", ["counter-terrorism", "arms-control"]),
    ]);

    /// <summary>What a row says, without what names the chunking (part of a run's identity, not of its estimates).</summary>
    public static string Describe(SweepRow row) =>
        $"{row.Index}|{string.Join(';', row.Assignments)}|{Engine.EnginePropertyTests.Estimates(row.Result)}";

    public static List<string> Describe(IEnumerable<SweepRow> rows) => [.. rows.Select(Describe)];

    public static SweepOptions Options(int threads = 2, int chunk = SimulationOptions.DefaultChunkSize, string? checkpoints = null, ShardSpec? part = null) =>
        new() { Trials = 2_000, Seed = 11, MaxDegreeOfParallelism = threads, ChunkSize = chunk, CheckpointDirectory = checkpoints, Part = part };
}
