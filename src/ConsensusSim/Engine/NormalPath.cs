using System.Runtime.Intrinsics;

namespace ConsensusSim.Engine;

/// <summary>Which implementation <see cref="NormalBlock"/> uses; every path gives the same bits.</summary>
internal enum NormalPath
{
    /// <summary>The widest path the hardware accelerates.</summary>
    Auto,

    /// <summary>One <see cref="Vector512{T}"/> per 16 floats.</summary>
    Vector512,

    /// <summary>Two <see cref="Vector256{T}"/> per 16 floats.</summary>
    Vector256,

    /// <summary>Plain scalar code, the reference for the others.</summary>
    Scalar,
}
