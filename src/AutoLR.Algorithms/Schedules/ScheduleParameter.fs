namespace AutoLR.Algorithms

/// One hyper-parameter of `BaselineParameters` as a setting: its configuration name, what it means, the values it
/// accepts and how to read and write it. The host builds its settings, help and validation from
/// `ScheduleParameters.all`, so a new hyper-parameter is declared here once.
type ScheduleParameter =
    { /// Configuration name (PascalCase), e.g. StepGamma; the switch is its kebab case (--step-gamma).
      Name: string
      /// What it is and where it comes from, for help.
      Description: string
      /// Whole numbers only.
      Integer: bool
      /// Smallest accepted value; excluded when `MinimumExcluded`.
      Minimum: float
      MinimumExcluded: bool
      /// Largest accepted value (inclusive); infinity for none.
      Maximum: float
      Get: BaselineParameters -> float
      Set: float -> BaselineParameters -> BaselineParameters }

module ScheduleParameter =
    /// The values the parameter accepts, as its setting states them.
    let range (parameter: ScheduleParameter) : SettingRange =
        { Minimum = parameter.Minimum; MinimumExcluded = parameter.MinimumExcluded; Maximum = parameter.Maximum
          MaximumExcluded = false; Integer = parameter.Integer }

    /// Whether `value` lies in the parameter's range (and is whole, for an integer parameter).
    let accepts (parameter: ScheduleParameter) (value: float) : bool = SettingRange.accepts (range parameter) value

    /// The range as help shows it: "in (0, 1]", "> 0", "an integer in 1..10000", "≥ 1".
    let rangeText (parameter: ScheduleParameter) : string = SettingRange.text (range parameter)
