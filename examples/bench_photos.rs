//! Writes a site of N articles, each showing one camera-sized photo
//! (4032 × 3024 JPEG, as a 12-megapixel phone writes), for
//! `bench/images.sh`: `cargo run --release --example bench_photos -- DIR N`.

use std::io::Cursor;
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dir), Some(n)) = (args.get(1), args.get(2).and_then(|n| n.parse::<u32>().ok()))
    else {
        eprintln!("usage: bench_photos DIR N");
        std::process::exit(2);
    };
    let root = Path::new(dir);
    let images = root.join("content/en/photos/images");
    std::fs::create_dir_all(&images).unwrap();
    std::fs::write(
        root.join("site.yaml"),
        "title: Photo bench\nbase_url: https://photos.example.org\n",
    )
    .unwrap();
    for i in 0..n {
        // Smooth gradients with a little noise: about the bytes and detail
        // of a real photo (a flat image would encode unrealistically fast).
        let mut state = 0x9E37_79B9u32.wrapping_mul(i + 1);
        let pixels = image::RgbImage::from_fn(4032, 3024, |x, y| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            let noise = state % 24;
            image::Rgb([
                ((x / 16 + i * 7 + noise) % 256) as u8,
                ((y / 12 + noise) % 256) as u8,
                (((x + y) / 32 + i * 13) % 256) as u8,
            ])
        });
        let mut jpeg = Vec::new();
        image::DynamicImage::ImageRgb8(pixels)
            .write_to(&mut Cursor::new(&mut jpeg), image::ImageFormat::Jpeg)
            .unwrap();
        std::fs::write(images.join(format!("photo-{i}.jpg")), jpeg).unwrap();
        std::fs::write(
            root.join(format!("content/en/photos/article-{i}.md")),
            format!(
                "---\ntitle: Article {i}\nsummary: A page with a photo.\ndate: 2026-01-10\n---\n\nText.\n\n![Photo {i}](images/photo-{i}.jpg)\n"
            ),
        )
        .unwrap();
    }
}
