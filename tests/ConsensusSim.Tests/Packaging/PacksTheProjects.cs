namespace ConsensusSim.Tests.Packaging;

/// <summary>
/// Test classes that pack the solution's projects in Release: one at a time, since two packs of the
/// same project at once write the same obj and bin files.
/// </summary>
[CollectionDefinition(nameof(PacksTheProjects))]
public sealed class PacksTheProjects;
