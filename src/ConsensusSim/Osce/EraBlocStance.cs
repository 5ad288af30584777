namespace ConsensusSim.Osce;

/// <summary>A bloc's stance in an era: its linkage propensity λ and blocking cost τ.</summary>
/// <param name="Bloc">The bloc id, for example <c>csto-bloc</c>.</param>
/// <param name="Linkage">Readiness λ ∈ [0, 1] to take items hostage when tension is high.</param>
/// <param name="BlockingCost">Blocking cost τ ≥ 0.</param>
/// <exception cref="ArgumentNullException"><paramref name="Bloc"/> is <see langword="null"/>.</exception>
/// <exception cref="ArgumentOutOfRangeException"><paramref name="Linkage"/> is outside [0, 1] or <paramref name="BlockingCost"/> is negative, infinite or NaN.</exception>
public sealed record EraBlocStance(string Bloc, double Linkage, double BlockingCost)
{
    /// <summary>The bloc id, for example <c>csto-bloc</c>.</summary>
    public string Bloc { get; init => field = value ?? throw new ArgumentNullException(nameof(Bloc)); } = Bloc ?? throw new ArgumentNullException(nameof(Bloc));

    /// <summary>Readiness λ ∈ [0, 1] to take items hostage when tension is high.</summary>
    public double Linkage { get; init => field = Within(value, 1, nameof(Linkage)); } = Within(Linkage, 1, nameof(Linkage));

    /// <summary>Blocking cost τ ≥ 0.</summary>
    public double BlockingCost { get; init => field = Within(value, double.MaxValue, nameof(BlockingCost)); } = Within(BlockingCost, double.MaxValue, nameof(BlockingCost));

    private static double Within(double value, double max, string name) =>
        value >= 0 && value <= max ? value : throw new ArgumentOutOfRangeException(name, value, max == 1 ? "Must lie in [0, 1]." : "Must be a finite number of at least 0.");
}
