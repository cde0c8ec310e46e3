namespace AutoLR.Algorithms

/// DoG's step size (Ivgi, Hinder & Carmon, "DoG is SGD's Best Friend: A Parameter-Free Dynamic Step Size Schedule",
/// ICML 2023, eq. 1), applied per layer as their L-DoG applies it per parameter tensor:
///   η_t = r̄_t / √(Σ_{i ≤ t} ‖g_i‖² + ε),   r̄_t = max(r_ε, max_{i ≤ t} ‖x_i − x_0‖),   r_ε = initialMovement · (1 + ‖x_0‖),
/// g_i the gradient SGD steps along (weight decay included, as the authors' code adds it before summing), ε = 10⁻⁸
/// their numerical guard. The step is x_{t+1} = x_t − η_t g_t: SGD without momentum.
module DistanceOverGradients =
    /// The authors' ε, added once to the sum of squared gradients.
    [<Literal>]
    let Epsilon = 1e-8

    /// η_t of `layer` after the steps `statistics` holds (they include step t's own gradient and distance).
    let stepSize (initialMovement: float) (statistics: StepStatistics) (layer: int) : float =
        let movement = max (initialMovement * (1.0 + statistics.InitialWeight[layer])) statistics.LargestDistance[layer]
        movement / sqrt (statistics.GradientSquares[layer] + Epsilon)
