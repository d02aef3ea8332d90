//! Conformance of [`latchkey_store::Mailbox`].

use crate::common::*;

conformance!(mailbox_filter,);

async fn mailbox_filter(store: DynStore) {
    let t = now();
    let entry = |to: &str, at: OffsetDateTime, channel: Channel| MailboxEntry {
        id: Uuid::now_v7(),
        to: to.to_owned(),
        channel,
        subject: format!("for {to}"),
        text: "hello".to_owned(),
        html: Some("<p>hello</p>".to_owned()),
        created_at: at,
    };
    let a1 = entry("Ann@Shop.com", t, Channel::Email);
    let b = entry("bob@shop.com", t + Duration::seconds(1), Channel::Email);
    let a2 = entry("ann@shop.com", t + Duration::seconds(2), Channel::Email);
    let sms = entry("+41446681800", t + Duration::seconds(3), Channel::Sms);
    for e in [&a1, &b, &a2, &sms] {
        store.mailbox_put(e).await.expect("put");
    }

    let anns = store
        .mailbox_list(Some("ANN@shop.com"), 10)
        .await
        .expect("list");
    assert_eq!(
        anns,
        vec![a2.clone(), a1.clone()],
        "both cases, newest first"
    );
    assert_eq!(anns[1].to, "Ann@Shop.com", "the address keeps its case");

    let all: Vec<_> = store
        .mailbox_list(None, 10)
        .await
        .expect("all")
        .into_iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(all, [sms.id, a2.id, b.id, a1.id]);
    assert_eq!(store.mailbox_list(None, 2).await.expect("limit").len(), 2);
    let phone = store
        .mailbox_list(Some("+41446681800"), 10)
        .await
        .expect("sms");
    assert_eq!(phone, vec![sms]);
    assert!(
        store
            .mailbox_list(Some("eve@shop.com"), 10)
            .await
            .expect("none")
            .is_empty()
    );
}
