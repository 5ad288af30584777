namespace ConsensusSim.Model;

/// <summary>How a state parameter varies from trial to trial.</summary>
public enum ParameterDistribution
{
    /// <summary>The same value in every trial.</summary>
    Fixed,

    /// <summary>Uniform on [lower, upper].</summary>
    Uniform,

    /// <summary>Beta(α, β) on [0, 1].</summary>
    Beta,

    /// <summary>Normal(mean, sd) truncated to [lower, upper].</summary>
    TruncatedNormal,
}
