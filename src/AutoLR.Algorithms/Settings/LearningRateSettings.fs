namespace AutoLR.Algorithms

/// The base learning rate, which the controller (`AutoLrController.defaults`, `init`) and every baseline schedule
/// (`RunShape.BaseLr`) start from.
module LearningRateSettings =
    /// What every fine-tune trains with — base LR, epochs, weight decay, the projection path: run, finetune, prune,
    /// sweep and compare take them.
    let trainingGroup = SettingGroup("training", true)

    let baseLr =
        Setting.Number("BaseLr", "Initial learning rate of every block (the head gets --head-factor times it unless --head-lr fixes it); within [--lr-min, --lr-max] when eq. 16 is clamped (--lr-clamp).",
            [ trainingGroup ], 0.01, SettingRange.Above 0.0)

    /// The settings, in the order help lists them.
    let all : Setting list = [ baseLr ]
