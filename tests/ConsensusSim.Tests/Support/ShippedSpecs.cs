using ConsensusSim.Calibration;

namespace ConsensusSim.Tests.Support;

/// <summary>The shipped calibration specs, copied beside the tests in the repository's layout by the samples that use them.</summary>
internal static class ShippedSpecs
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "samples", "calibration");

    public static string PathOf(string name) => Path.Combine(Folder, name + ".json");

    public static CalibrationSpec Load(string name) => CalibrationSpec.Load(PathOf(name));
}
