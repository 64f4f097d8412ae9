//! The smallest Leptos page that exercises what jixiao's views need: the size of the framework
//! itself, before any of the app.
use leptos::prelude::*;

fn main() {
    mount_to_body(|| {
        let (count, set_count) = signal(0i64);
        let (text, set_text) = signal(String::new());
        view! {
            <main data-testid="app-ready">
                <button on:click=move |_| set_count.update(|n| *n += 1)>"加一"</button>
                <p>{move || count.get()}</p>
                <input prop:value=text on:input=move |e| set_text.set(event_target_value(&e)) />
                <p>{move || text.get()}</p>
                <Show when=move || count.get() % 2 == 0><span>"偶数"</span></Show>
                <ul><For each=move || 0..count.get() key=|i| *i let:i><li>{i}</li></For></ul>
            </main>
        }
    });
}
