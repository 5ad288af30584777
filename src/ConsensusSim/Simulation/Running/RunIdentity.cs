namespace ConsensusSim.Simulation;

/// <summary>
/// What a result is a part of: the scenario, seed, trial plan and chunk range. Two results can be
/// merged or resumed only when their identities agree apart from the chunks they cover. The era provenance follows
/// from the scenario (its hash covers the era and every value it sets), so it is carried along, not compared.
/// </summary>
internal sealed record RunIdentity(
    string Version,
    string ScenarioName,
    string ScenarioSha256,
    string Rule,
    ulong Seed,
    long PlannedTrials,
    int ChunkSize,
    int MaxRounds,
    IReadOnlyList<string> StateCodes,
    IReadOnlyList<string> StateNames,
    IReadOnlyList<string> ItemTitles,
    IReadOnlyList<string> ItemTopics,
    ShardSpec? Shard,
    long FirstChunk,
    long EndChunk,
    long CompletedChunks,
    bool Conditional = false,
    Model.EraProvenance? Era = null,
    RareOutcome? Rare = null,
    bool ConditionalOnly = false)
{
    public long Chunks => ((PlannedTrials - 1) / ChunkSize) + 1;

    public bool IsComplete => FirstChunk + CompletedChunks == EndChunk;

    /// <summary>Trials in chunks [first, first + count): the last chunk of the run may be short.</summary>
    public long TrialsIn(long first, long count) =>
        Math.Max(0, Math.Min((first + count) * ChunkSize, PlannedTrials) - (first * ChunkSize));
}
