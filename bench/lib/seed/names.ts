/** What bench data is called: its password, email domain and slugs, and the names of its people. */
export const BENCH_PASSWORD = 'masar-bench-2026';
/** Every bench user's email ends with this (a re-seed deletes them). */
export const BENCH_EMAIL_DOMAIN = 'bench.masar.test';
/** Every bench organisation's slug starts with this (a re-seed deletes them). */
export const BENCH_SLUG_PREFIX = 'bench-';
export const BIG_ORG_SLUG = 'bench-academy';

export const FIRST_NAMES = (
  'Salma Omar Nour Mariam Youssef Habiba Karim Aya Mahmoud Farida Ziad Laila Hassan Rana Mostafa Jana Ali Malak Seif Nada Ahmed Yasmin Khaled Hana Amr ' +
  'Dina Tarek Reem Sherif Menna Adham Noha Hazem Shahd Ibrahim Rahma Marwan Esraa Islam Heba Bassel Lina Mazen Sara Fady Mai Kareem Nourhan Abdallah Asmaa'
).split(' ');
export const LAST_NAMES = (
  'Farouk Khaled Adel Hassan Tarek Mostafa Samir Ibrahim Gamal Sherif Ashraf Mahmoud Nabil Wael Yehia Osama Reda Hesham ' +
  'Amr Fathy El-Sayed Abdelrahman Saleh Fawzy Zaki Hamdy Shawky Ragab Soliman Mansour Badawi Naguib Lotfy Helmy Kamal'
).split(' ');
