namespace ConsensusSim.Tests.Support;

/// <summary>
/// Tests that time how soon a run stops after a signal. They run alone: on two cores, other test
/// classes running beside them stretch the wall-clock time they measure several times over, which
/// says nothing about the engine.
/// </summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;
