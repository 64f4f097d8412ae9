fn main() {
    let r = jixiao::model::examples::example("seed-000").unwrap().unwrap();
    let e = jixiao::model::evaluate(&r);
    let b = jixiao::model::exchange::write::docx(&r, &e, &Default::default());
    let d = jixiao::model::exchange::read::read("x.docx", &b, &jixiao::model::exchange::read::decode).unwrap();
    let rec = jixiao::model::exchange::recognize::recognize(&d).unwrap();
    println!("{:?}", rec.report.overall.as_ref().unwrap().budget);
    for l in rec.leftovers.iter().take(30) { println!("{l}"); }
    println!("{:?}", rec.notes);
}
