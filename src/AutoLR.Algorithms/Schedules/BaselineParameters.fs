namespace AutoLR.Algorithms

/// The hyper-parameters of the baseline schedules (DESIGN.md §2, the paper's Table 5). The defaults are the values
/// the baselines have always run with, so a run that names none of them reproduces earlier results.
type BaselineParameters =
    { /// Stem LR as a multiple of the block LR for the schedules that give every block one LR (the authors' code: 0.5).
      StemFactor: float
      /// Head LR as a multiple of the block LR (the base LR for the per-layer schedules); the authors' code: 10.
      HeadFactor: float
      /// PyTorch StepLR's step_size in epochs; 0 means a third of the run (at least 1 epoch), i.e. two drops.
      StepSize: int
      /// PyTorch StepLR's gamma: the factor of each drop.
      StepGamma: float
      /// Epochs the triangular CyclicLR takes to rise from its floor to the base LR (and again to fall back):
      /// PyTorch's step_size_up is this times the batches per epoch.
      CyclicStepEpochs: int
      /// Base LR over the floor of the triangular CyclicLR (PyTorch's max_lr / base_lr).
      CyclicSpread: float
      /// SGDR's T_0 (Loshchilov & Hutter 2017): epochs of the first cosine run.
      SgdrT0: int
      /// SGDR's T_mult: each run is this many times longer than the one before.
      SgdrTMult: int
      /// timm's layer_decay: block k of K trains at base · decay^(K − k).
      LayerDecay: float
      /// fastai's slice(base / spread, base): the ratio of the top block's LR to the bottom block's.
      DiscriminativeSpread: float
      /// LP-FT's share of the epochs spent on the linear probe (backbone frozen) before fine-tuning everything
      /// (Kumar et al., ICLR 2022); the probe lasts ⌊share · epochs⌋ epochs.
      LpShare: float
      /// Auto-RGN's probe: the batches at the start of each epoch on which ‖g‖ / ‖w‖ is measured, averaged per batch
      /// (Lee et al., ICLR 2023; the authors' code uses 5). They are counted as cost: no weight moves on them.
      RgnProbeBatches: int
      /// LARS's trust coefficient η (You, Gitman & Ginsburg 2017): a layer's LR is base · η · ‖w‖ / (‖g‖ + λ‖w‖).
      TrustCoefficient: float
      /// L-DoG's r_ε relative to the weights: the first step moves a layer by about this · (1 + ‖x_0‖) (Ivgi et al.
      /// 2023; the authors' code calls it reps_rel and advises 10⁻⁴ for networks with BatchNorm, 10⁻⁶ otherwise).
      DogInitialMovement: float }

module BaselineParameters =
    /// Stem 0.5 ×, head 10 × (the authors' code); step ⅓ of the run with γ 0.1; cyclic one epoch up, one down, from
    /// base / 10; SGDR restarting after 1, 2, 4, ... epochs; timm's layer decay 0.75; fastai's slice(base / 10, base);
    /// LP-FT probing for half the epochs; Auto-RGN probing 5 batches (the authors' code); LARS's η 0.001 (the paper's);
/// L-DoG's relative r_ε 10⁻⁴ (the authors' advice for networks with BatchNorm, as every backbone here has).
    let defaults =
        { StemFactor = 0.5
          HeadFactor = 10.0
          StepSize = 0
          StepGamma = 0.1
          CyclicStepEpochs = 1
          CyclicSpread = 10.0
          SgdrT0 = 1
          SgdrTMult = 2
          LayerDecay = 0.75
          DiscriminativeSpread = 10.0
          LpShare = 0.5
          RgnProbeBatches = 5
          TrustCoefficient = 0.001
          DogInitialMovement = 1e-4 }
