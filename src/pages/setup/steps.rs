//! Where the wizard is: its steps in order, the current one marked `aria-current="step"`, the
//! ones before it marked done (in words for screen readers, a check mark for the eye).

use leptos::prelude::*;

use crate::i18n::{tr, Key};

/// The wizard's steps, in order.
pub const STEPS: [Key; 2] = [Key::SetupStepAccount, Key::SetupStepRegister];

/// What a step is relative to the current one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum StepState {
    Done,
    Current,
    Ahead,
}

fn state_of(step: usize, current: usize) -> StepState {
    match step.cmp(&current) {
        std::cmp::Ordering::Less => StepState::Done,
        std::cmp::Ordering::Equal => StepState::Current,
        std::cmp::Ordering::Greater => StepState::Ahead,
    }
}

/// The indicator; `current` counts from 0.
#[component]
pub fn StepIndicator(current: usize) -> impl IntoView {
    view! {
        <nav class="wizard-steps" aria-label=tr(Key::SetupSteps) data-testid="wizard-steps">
            <ol>
                {STEPS
                    .iter()
                    .enumerate()
                    .map(|(i, &label)| {
                        let state = state_of(i, current);
                        view! {
                            <li
                                class="wizard-step"
                                class:wizard-step-done=state == StepState::Done
                                class:wizard-step-current=state == StepState::Current
                                aria-current=(state == StepState::Current).then_some("step")
                            >
                                <span class="wizard-step-number" aria-hidden="true">
                                    {if state == StepState::Done { "✓".to_string() } else { (i + 1).to_string() }}
                                </span>
                                <span class="wizard-step-label">{tr(label)}</span>
                                {(state == StepState::Done)
                                    .then(|| view! { <span class="visually-hidden">" " {tr(Key::StepDone)}</span> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_before_the_current_one_are_done() {
        assert_eq!(state_of(0, 1), StepState::Done);
        assert_eq!(state_of(1, 1), StepState::Current);
        assert_eq!(state_of(1, 0), StepState::Ahead);
        assert_eq!(state_of(0, 0), StepState::Current);
    }
}
