namespace ConsensusSim.Osce;

/// <summary>A bloc's stance in an era: its linkage propensity λ and blocking cost τ.</summary>
/// <param name="Bloc">The bloc id, for example <c>csto-bloc</c>.</param>
/// <param name="Linkage">Readiness λ ∈ [0, 1] to take items hostage when tension is high.</param>
/// <param name="BlockingCost">Blocking cost τ ≥ 0.</param>
public sealed record EraBlocStance(string Bloc, double Linkage, double BlockingCost);
